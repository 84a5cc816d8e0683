import { Worker } from 'node:worker_threads';
import type { PlannedStatement } from './executor.ts';

export type ToWriteThread =
  | { kind: 'group'; id: number; commits: ReadonlyArray<readonly PlannedStatement[]> }
  | { kind: 'own-checkpoints' }
  | { kind: 'stop' };

/** One commit of a group: kept, or refused (by a key, say) with SQLite's message. */
export type CommitOutcome = { ok: true } | { ok: false; message: string };

/** A group's answer: each commit's outcome, or the whole group lost. */
export type GroupOutcome = { ok: true; outcomes: CommitOutcome[] } | { ok: false; message: string };

export interface WriteThread {
  /**
   * Runs the commits as one transaction on the thread, each in its own savepoint; resolves once its
   * COMMIT has returned (not yet synced), with each commit's outcome. Rejects when the group was not
   * committed, or the thread is gone (then whether it committed is unknown, as after a crash).
   */
  commitGroup(commits: ReadonlyArray<readonly PlannedStatement[]>): Promise<CommitOutcome[]>;
  /** Whether it can take work: false once it has failed or stopped. */
  readonly usable: boolean;
  /** Its connection checkpoints by itself again (when the checkpointer thread has failed). */
  resumeOwnCheckpoints(): void;
  stop(): Promise<void>;
}

/**
 * SQLite writes are synchronous in node:sqlite, so the store's writer runs every statement and every
 * COMMIT on the event loop: 42% of its wall time during creates (README, "Performance"). Large writes
 * whose statements are all known before they run (new resources only, such as a transaction Bundle
 * of creates: no statement depends on what another returns; sql/commit-alone.ts) come here instead,
 * a run of them in one message, so that the event loop serves other requests while this thread
 * writes. The store writes one group at a time, here or on its own connection (sql/sqlite-group-commit.ts),
 * so the two connections never wait for each other's lock.
 */
export function startWriteThread(file: string, onFailure: (message: string) => void): WriteThread {
  const worker = new Worker(new URL('./sqlite-write-worker.ts', import.meta.url), { workerData: { file } });
  worker.unref();
  const waiting = new Map<number, { resolve: (outcome: GroupOutcome) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let usable = true;
  let stopping = false;

  const fail = (message: string): void => {
    if (!usable) return;
    usable = false;
    for (const { reject } of waiting.values()) reject(new Error(`The SQLite write thread stopped: ${message}`));
    waiting.clear();
    if (!stopping) onFailure(message);
  };
  worker.on('message', (message: GroupOutcome & { id: number }) => {
    const answer = waiting.get(message.id);
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
    answer?.resolve(message);
  });
  worker.on('error', (err: Error) => fail(err.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      fail('the thread exited');
      resolve();
    }),
  );

  return {
    get usable() {
      return usable;
    },
    commitGroup: async (commits) => {
      if (!usable) throw new Error('The SQLite write thread has stopped.');
      const id = ++nextId;
      const outcome = await new Promise<GroupOutcome>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Held while a group is out: the process must not exit with a write unanswered.
        worker.ref();
        worker.postMessage({ kind: 'group', id, commits } satisfies ToWriteThread);
      });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.outcomes;
    },
    resumeOwnCheckpoints: () => {
      if (usable) worker.postMessage({ kind: 'own-checkpoints' } satisfies ToWriteThread);
    },
    stop: async () => {
      stopping = true;
      worker.ref();
      worker.postMessage({ kind: 'stop' } satisfies ToWriteThread);
      await exited;
    },
  };
}
