import type { DatabaseSync } from 'node:sqlite';
import type { PlannedStatement } from './executor.ts';
import type { Checkpointer } from './sqlite-checkpointer.ts';
import type { WalSync } from './sqlite-wal-sync.ts';
import type { WriteThread } from './sqlite-write-thread.ts';
import { isUniqueClash } from './write-rows.ts';

/** A commit that runs on the store's own connection, on the event loop: a unit of work, say. */
export interface CommitHere {
  planned?: undefined;
  run: () => Promise<unknown>;
  resolve: (results: never) => void;
  reject: (err: unknown) => void;
}

/** A commit planned in full (commit-alone.ts), for the write thread: resolves false when a key refused it. */
export interface CommitOnThread {
  planned: readonly PlannedStatement[];
  resolve: (kept: boolean) => void;
  reject: (err: unknown) => void;
}

type Commit = CommitHere | CommitOnThread;
type Outcome = { ok: true; results: unknown } | { ok: false; error: unknown };

export interface GroupCommit {
  queue(commit: Commit): void;
  /** Resolves once every queued commit is written and answered. */
  settled(): Promise<void>;
}

/**
 * Group commit: commits that arrive while one is being written share the next transaction, each
 * inside its own SAVEPOINT so that one failing leaves the others whole. Nobody is answered before
 * the COMMIT that holds their writes has returned and a sync of the log begun after it has
 * finished; the next transaction starts meanwhile. Units of work, account statements and reindex
 * batches queue here too, so no transaction starts inside another.
 *
 * Commits planned in full go to the write thread, a run of them as one group; the rest run on `db`.
 * One group is written at a time, so the thread's connection and `db` never wait for each other's lock.
 *
 * Between two groups, when the checkpointer finds the log long, the writes wait for it to catch up,
 * so that the next group starts the log again from its front (sqlite-checkpointer.ts).
 */
export function groupCommit(options: {
  db: DatabaseSync;
  thread: WriteThread;
  wal: WalSync;
  checkpoints?: Pick<Checkpointer, 'logIsLong' | 'catchUp'>;
  onProblem?: ((message: string) => void) | undefined;
}): GroupCommit {
  const { db, thread, wal, checkpoints, onProblem } = options;
  const pending: Commit[] = [];
  let flushing: Promise<void> | undefined;
  /** Batches committed, waiting for their sync to be answered. */
  const syncs = new Set<Promise<void>>();

  /** The next run of pending commits that go to the same connection, in the order they came. */
  const nextBatch = (): Commit[] => {
    const onThread = pending[0]!.planned !== undefined;
    const end = pending.findIndex((commit) => (commit.planned !== undefined) !== onThread);
    return pending.splice(0, end < 0 ? pending.length : end);
  };

  const writeHere = async (batch: readonly CommitHere[]): Promise<Outcome[]> => {
    const outcomes: Outcome[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const commit of batch) {
        db.exec('SAVEPOINT one_commit');
        try {
          outcomes.push({ ok: true, results: await commit.run() });
          db.exec('RELEASE one_commit');
        } catch (error) {
          db.exec('ROLLBACK TO one_commit');
          db.exec('RELEASE one_commit');
          outcomes.push({ ok: false, error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    return outcomes;
  };

  const writeOnThread = async (batch: readonly CommitOnThread[]): Promise<Outcome[]> => {
    // The thread gone before they were sent: nothing of theirs is written, and `false` has the store
    // write them the usual way.
    if (!thread.usable) return batch.map(() => ({ ok: true, results: false }));
    const outcomes = await thread.commitGroup(batch.map((commit) => commit.planned));
    // A commit a key refused (an id in use) is answered `false` too: the usual way names the id
    // (write-rows.ts). Anything else refused is an error, as it would be on `db`.
    return outcomes.map((outcome) => {
      if (outcome.ok) return { ok: true, results: true };
      return isKeyClash(outcome.message) ? { ok: true, results: false } : { ok: false, error: new Error(outcome.message) };
    });
  };

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      if (checkpoints?.logIsLong) await checkpoints.catchUp();
      const batch = nextBatch();
      let outcomes: Outcome[];
      try {
        outcomes = await (batch[0]!.planned ? writeOnThread(batch as CommitOnThread[]) : writeHere(batch as CommitHere[]));
      } catch (error) {
        for (const commit of batch) commit.reject(error);
        continue;
      }
      const answer = (synced: { ok: true } | { ok: false; error: unknown }): void =>
        batch.forEach((commit, i) => {
          const outcome = outcomes[i]!;
          // A failed sync: the writes may or may not survive a power cut, so nobody is told they were kept.
          if (!synced.ok) commit.reject(synced.error);
          else if (outcome.ok) commit.resolve(outcome.results as never);
          else commit.reject(outcome.error);
        });
      const answered = wal.durable().then(
        () => answer({ ok: true }),
        (error: unknown) => {
          onProblem?.(`A sync of the SQLite log failed: ${(error as Error).message}`);
          answer({ ok: false, error });
        },
      );
      syncs.add(answered);
      void answered.then(() => syncs.delete(answered));
    }
    flushing = undefined;
  };

  return {
    queue: (commit) => {
      pending.push(commit);
      // Start on the next turn of the event loop, so requests read in this turn join the batch.
      flushing ??= new Promise<void>((started) => setImmediate(started)).then(flush);
    },
    settled: async () => {
      await flushing;
      await Promise.all(syncs);
    },
  };
}

/** The thread answers with SQLite's message only: a unique key refused one of a new resource's rows. */
function isKeyClash(message: string): boolean {
  return ['resource_locations', 'resource_history'].some((table) => isUniqueClash({ message }, table));
}
