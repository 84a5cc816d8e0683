import type { Store, Write } from '../store/store.ts';
import { insideAUnit, outsideUnits } from '../store/unit-of-work.ts';

/**
 * Writes the AuditEvents of reads by others. Each read still waits until its event is committed
 * (durable) before its answer leaves, but reads that arrive together share one commit: events that
 * come while a commit is being written go, all together, into the next one (group commit). With the
 * store's few statements a batch (store/sql/write-rows.ts), a hundred concurrent reads cost about
 * what one did. A failed commit fails every read in it: none is answered unlogged. A read made inside
 * a unit of work logs in that unit's own transaction, as any write there does: a batch must never ride
 * on a transaction that may still roll back.
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
  let busy = false;

  const writeAll = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, eventsPerCommit);
      waiting = waiting.slice(batch.length);
      try {
        await store.commit(batch.map((w) => w.event), clock());
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.failed(error);
      }
    }
    busy = false;
  };

  return {
    write: async (event) => {
      if (insideAUnit()) {
        await store.commit([event], clock());
        return;
      }
      await new Promise<void>((done, failed) => {
        waiting.push({ event, done, failed });
        if (busy) return;
        busy = true;
        // Begin on the next turn, so reads answered in this turn of the event loop join the batch.
        outsideUnits(() => setImmediate(() => void writeAll()));
      });
    },
  };
}
