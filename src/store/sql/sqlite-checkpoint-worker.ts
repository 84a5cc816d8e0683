import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromCheckpointThread, ToCheckpointThread } from './sqlite-checkpointer.ts';

/**
 * The checkpointer's thread (sqlite-checkpointer.ts): its own connection to the file, copying what
 * the write-ahead log holds into the database file, PASSIVE (it never waits for, or blocks, a reader
 * or the writer). It says when the log has grown past `longLogFrames` and, asked to catch up (the
 * writes paused), checkpoints at once. When a round fails, it says so and stops.
 */
const { file, intervalMs, longLogFrames } = workerData as { file: string; intervalMs: number; longLogFrames: number };
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
/** A round that found fewer new frames than this (1 MB) leaves little for the writes to wait for. */
const quickCatchUpFrames = 256;
const say = (message: FromCheckpointThread): void => parentPort?.postMessage(message);

let stopped = false;
const stop = (): void => {
  if (stopped) return;
  stopped = true;
  clearInterval(timer);
  db.close();
  parentPort?.close();
};
// One failure and it stops: the writer takes checkpoints back (sqlite-checkpointer.ts).
const round = (): { log: number; checkpointed: number } | undefined => {
  try {
    return checkpoint.get() as { log: number; checkpointed: number };
  } catch (err) {
    say({ kind: 'failed', message: (err as Error).message });
    stop();
    return undefined;
  }
};
const timer = setInterval(() => {
  let frames = round();
  if (!frames || frames.log < longLogFrames) return;
  // The writer pauses for the last round (`catch-up`): first copy, while it writes on, what it wrote
  // during the rounds before, until a round finds little new, so that its pause is short.
  for (let extra = 0; extra < 5 && frames; extra++) {
    const before = frames.checkpointed;
    frames = round();
    if (frames && frames.checkpointed - before < quickCatchUpFrames) break;
  }
  if (frames) say({ kind: 'long-log' });
}, intervalMs);

parentPort?.on('message', (message: ToCheckpointThread) => {
  if (message.kind === 'stop') stop();
  if (message.kind === 'catch-up' && !stopped) {
    if (round()) say({ kind: 'caught-up', id: message.id });
  }
});
