import { openSqliteConnection, sqliteExecutor } from './sql/sqlite-executor.ts';
import { history, readCurrent, readMany, readVersion, search } from './sql/reads.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { sqliteMigrationConnection } from './migrations/connections.ts';
import { applyWrites } from './sql/writes.ts';
import { reindexBatch } from './sql/reindex.ts';
import type { Store } from './store.ts';

/**
 * The embedded store: one SQLite file through Node's built-in node:sqlite. WAL lets readers go on
 * while a write commits; synchronous=FULL makes COMMIT wait for the disk, so an acknowledged write
 * survives a crash or power cut.
 */
export async function openSqliteStore(options: { file: string }): Promise<Store> {
  const db = openSqliteConnection(options.file);
  // The embedded store migrates at start (store/migrations): there is no operator to ask.
  await migrateSchema(sqliteMigrationConnection(db, options.file));
  const exec = sqliteExecutor(db);
  // Reads use their own connection: the write connection may be inside a transaction whose
  // statements are interleaved with other requests, and a read there would see uncommitted rows.
  const readerDb = openSqliteConnection(options.file, { readOnly: true });
  const reader = sqliteExecutor(readerDb);

  // Group commit: commits that arrive while one is being written share the next transaction (and
  // its one fsync), each inside its own SAVEPOINT so that one failing leaves the others whole.
  // Nobody is answered before the COMMIT that holds their writes has returned.
  // A reindex batch queues here too, so it never starts a transaction inside the group's.
  interface Pending {
    run: () => Promise<unknown>;
    resolve: (results: never) => void;
    reject: (err: unknown) => void;
  }
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  const noLock = async (): Promise<void> => {};

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      const outcomes: Array<{ ok: true; results: unknown } | { ok: false; error: unknown }> = [];
      try {
        db.exec('BEGIN IMMEDIATE');
        for (const item of batch) {
          db.exec('SAVEPOINT one_commit');
          try {
            outcomes.push({ ok: true, results: await item.run() });
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
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.results as never);
        else item.reject(outcome.error);
      });
    }
    flushing = undefined;
  };

  const enqueue = <T>(run: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.push({ run, resolve: resolve as (results: never) => void, reject });
      // Start on the next turn of the event loop, so requests read in this turn join the batch.
      flushing ??= new Promise<void>((started) => setImmediate(started)).then(flush);
    });

  return {
    kind: 'sqlite',
    read: (type, id) => readCurrent(reader, type, id),
    vread: (type, id, versionId) => readVersion(reader, type, id, versionId),
    readMany: (keys) => readMany(reader, keys),
    history: (query) => history(reader, query),
    search: (query) => search(reader, query),
    commit: (writes, now) => enqueue(() => applyWrites(exec, writes, now, noLock)),
    reindex: (job, limit, now) => enqueue(() => reindexBatch(exec, job, limit, now)),
    close: async () => {
      await flushing;
      readerDb.close();
      db.close();
    },
  };
}
