import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * SQLite's own checkpoints run inside the COMMIT that crosses the log's threshold, on the event loop:
 * on this project's 2-core machine they were about 40% of the COMMIT time of a busy write load (each
 * page written back to the database file one pwrite at a time, then fsynced). Here a thread of its
 * own does them, on its own connection, every `intervalMs`; the writer's automatic checkpoints are
 * off while it runs. Should the thread fail, `onFailure` hears why and the writer checkpoints again
 * by itself (`resumeOwnCheckpoints`), so the log never grows without bound.
 */
export function startCheckpointer(options: { file: string; intervalMs: number; resumeOwnCheckpoints: () => void; onFailure: (message: string) => void }): Checkpointer {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), { workerData: { file: options.file, intervalMs: options.intervalMs } });
  worker.unref();
  let failed = false;
  const fail = (message: string): void => {
    if (failed) return;
    failed = true;
    options.resumeOwnCheckpoints();
    options.onFailure(message);
  };
  worker.on('message', (message: { kind: 'failed'; message: string }) => fail(message.message));
  worker.on('error', (err: Error) => fail(err.message));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) fail('the checkpoint thread stopped');
      resolve();
    }),
  );
  return {
    stop: async () => {
      stopping = true;
      // Held while it stops: an unreferenced thread's exit would not keep a closing process waiting for it.
      worker.ref();
      worker.postMessage({ kind: 'stop' });
      await exited;
    },
  };
}
