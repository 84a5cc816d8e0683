import { Worker } from 'node:worker_threads';

export type ToCheckpointThread = { kind: 'catch-up'; id: number } | { kind: 'stop' };
export type FromCheckpointThread =
  | { kind: 'long-log' }
  | { kind: 'caught-up'; id: number }
  | { kind: 'failed'; message: string };

export interface Checkpointer {
  /** Whether the log has grown past its length since the writes last paused for a catch-up. */
  readonly logIsLong: boolean;
  /**
   * Checkpoints at once, for a writer that has paused its writes, so that its next write starts the
   * log again from its front. Never rejects, and never waits for a thread gone, failed or slow: the
   * writes then go on.
   */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The log's length, in frames of one 4 kB page, past which the writes pause for a catch-up: 64 MB.
 * Each pause costs the writes milliseconds (2-20 ms timed on this 2-core machine). At 1,000 pages
 * (SQLite's own threshold) busy writes paused after nearly every 100 ms round; at 4,096 the bench's
 * creates gained about half what they gained at 16,384 (README, "Performance").
 */
export const defaultLongLogFrames = 16_384;
/** A catch-up should take milliseconds; the writes never wait longer than this for one. */
const catchUpLimitMs = 1000;

/**
 * SQLite's own checkpoints run inside the COMMIT that crosses the log's threshold, on the event loop:
 * on this project's 2-core machine they were about 40% of the COMMIT time of a busy write load (each
 * page written back to the database file one pwrite at a time, then fsynced). Here a thread of its
 * own does them, on its own connection, every `intervalMs`; the writer's automatic checkpoints are
 * off while it runs. Should the thread fail, `onFailure` hears why and the writer checkpoints again
 * by itself (`resumeOwnCheckpoints`), so the log never grows without bound.
 *
 * The log starts again from its front only when a write begins with all of it in the file. Under
 * writes that never pause, a checkpoint on another thread never gets there (the writer adds frames
 * while it copies), so the log grew for as long as the writes went on: 180 MB in a few seconds of
 * creates, every frame written to a part of the file never written before, which the kernel zeroes
 * before it takes the write (a quarter of the service's samples in `perf`). So when a round finds
 * the log long, the writer pauses its writes at its next group, without blocking the event loop, and
 * the thread checkpoints what is left (`catchUp`): the next write then starts the log again.
 */
export function startCheckpointer(options: {
  file: string;
  intervalMs: number;
  /** The log's length past which the writes pause for a catch-up; `defaultLongLogFrames` unless given. */
  longLogFrames?: number | undefined;
  resumeOwnCheckpoints: () => void;
  onFailure: (message: string) => void;
}): Checkpointer {
  const longLogFrames = options.longLogFrames ?? defaultLongLogFrames;
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), {
    workerData: { file: options.file, intervalMs: options.intervalMs, longLogFrames },
  });
  worker.unref();
  let failed = false;
  let logIsLong = false;
  let nextId = 0;
  const catchingUp = new Map<number, () => void>();
  const answerAll = (): void => {
    for (const answer of catchingUp.values()) answer();
    catchingUp.clear();
  };
  const fail = (message: string): void => {
    if (failed) return;
    failed = true;
    logIsLong = false;
    answerAll();
    options.resumeOwnCheckpoints();
    options.onFailure(message);
  };
  worker.on('message', (message: FromCheckpointThread) => {
    switch (message.kind) {
      case 'long-log':
        logIsLong = !failed;
        break;
      case 'caught-up':
        catchingUp.get(message.id)?.();
        catchingUp.delete(message.id);
        break;
      case 'failed':
        fail(message.message);
        break;
    }
  });
  worker.on('error', (err: Error) => fail(err.message));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) fail('the checkpoint thread stopped');
      answerAll();
      resolve();
    }),
  );
  return {
    get logIsLong() {
      return logIsLong;
    },
    catchUp: () => {
      // Asked once per long log: should this catch-up fall short (a reader holding an old snapshot),
      // the writes go on and wait for the thread's next round to find the log long again.
      logIsLong = false;
      if (failed || stopping) return Promise.resolve();
      const id = nextId++;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          catchingUp.delete(id);
          resolve();
        }, catchUpLimitMs);
        catchingUp.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ kind: 'catch-up', id } satisfies ToCheckpointThread);
      });
    },
    stop: async () => {
      stopping = true;
      // Held while it stops: an unreferenced thread's exit would not keep a closing process waiting for it.
      worker.ref();
      worker.postMessage({ kind: 'stop' } satisfies ToCheckpointThread);
      await exited;
    },
  };
}
