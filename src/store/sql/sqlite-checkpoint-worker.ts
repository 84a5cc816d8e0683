import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The checkpointer's thread (sqlite-checkpointer.ts): its own connection to the file, copying what
 * the write-ahead log holds into the database file, PASSIVE (it never waits for, or blocks, a reader
 * or the writer). Each round says how many frames the log held and how many are now in the file.
 */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const round = (): void => {
  try {
    const row = checkpoint.get() as { busy: number; log: number; checkpointed: number };
    parentPort?.postMessage({ kind: 'round', log: row.log, checkpointed: row.checkpointed });
  } catch (err) {
    parentPort?.postMessage({ kind: 'failed', message: (err as Error).message });
  }
};
const timer = setInterval(round, intervalMs);

parentPort?.on('message', (message: { kind: 'stop' }) => {
  if (message.kind !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
