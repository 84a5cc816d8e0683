import type { Store, Write } from '../store/store.ts';

/**
 * Writes the AuditEvents of reads by others. Each read still waits until its event is committed
 * (durable) before its answer leaves, but reads that arrive together share one commit: events that
 * come while a commit is being written go, all together, into the next one (group commit). With the
 * store's few statements a batch (store/sql/write-rows.ts), a hundred concurrent reads cost about
 * what one did. A failed commit fails every read in it: none is answered unlogged.
 */
export interface AccessLogWriter {
  write(event: Write): Promise<void>;
}

/** Bounded, so one batch stays one modest transaction however busy the service is. */
const eventsPerCommit = 500;

export function accessLogWriter(store: Pick<Store, 'commit'>, clock: () => Date): AccessLogWriter {
  interface Waiting {
    event: Write;
    done: () => void;
    failed: (error: unknown) => void;
  }
  let waiting: Waiting[] = [];
  let writing: Promise<void> | undefined;

  const writeAll = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, eventsPerCommit);
      waiting = waiting.slice(batch.length);
      try {
        await store.commit(
          batch.map((w) => w.event),
          clock(),
        );
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.failed(error);
      }
    }
    writing = undefined;
  };

  return {
    write: (event) =>
      new Promise<void>((done, failed) => {
        waiting.push({ event, done, failed });
        // Begin on the next turn, so reads answered in this turn of the event loop join the batch.
        writing ??= new Promise<void>((started) => setImmediate(started)).then(writeAll);
      }),
  };
}
