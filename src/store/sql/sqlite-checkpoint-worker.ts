import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The checkpointer's thread (sqlite-checkpointer.ts): its own connection to the file, copying what
 * the write-ahead log holds into the database file, PASSIVE (it never waits for, or blocks, a reader
 * or the writer). It says something only when a round fails, and then stops.
 */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

let stopped = false;
const stop = (): void => {
  if (stopped) return;
  stopped = true;
  clearInterval(timer);
  db.close();
  parentPort?.close();
};
// One failure and it stops: the writer takes checkpoints back (sqlite-checkpointer.ts).
const round = (): void => {
  try {
    checkpoint.get();
  } catch (err) {
    parentPort?.postMessage({ kind: 'failed', message: (err as Error).message });
    stop();
  }
};
const timer = setInterval(round, intervalMs);

parentPort?.on('message', (message: { kind: 'stop' }) => {
  if (message.kind === 'stop') stop();
});
