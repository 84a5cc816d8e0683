import { openSqliteConnection, sqliteExecutor } from './sql/sqlite-executor.ts';
import { history, readCurrent, readMany, readVersion, search } from './sql/reads.ts';
import { schemaStatements } from './sql/schema.ts';
import { applyWrites } from './sql/writes.ts';
import type { Store } from './store.ts';

/**
 * The embedded store: one SQLite file through Node's built-in node:sqlite. WAL lets readers go on
 * while a write commits; synchronous=FULL makes COMMIT wait for the disk, so an acknowledged write
 * survives a crash or power cut.
 */
export async function openSqliteStore(options: { file: string }): Promise<Store> {
  const db = openSqliteConnection(options.file);
  for (const statement of schemaStatements('sqlite')) db.exec(statement);
  const exec = sqliteExecutor(db);
  // Reads use their own connection: the write connection may be inside a transaction whose
  // statements are interleaved with other requests, and a read there would see uncommitted rows.
  const readerDb = openSqliteConnection(options.file, { readOnly: true });
  const reader = sqliteExecutor(readerDb);

  // Group commit: commits that arrive while one is being written share the next transaction (and
  // its one fsync), each inside its own SAVEPOINT so that one failing leaves the others whole.
  // Nobody is answered before the COMMIT that holds their writes has returned.
  interface Pending {
    writes: Parameters<Store['commit']>[0];
    now: Date;
    resolve: (results: Awaited<ReturnType<Store['commit']>>) => void;
    reject: (err: unknown) => void;
  }
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  const noLock = async (): Promise<void> => {};

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      const outcomes: Array<{ ok: true; results: Awaited<ReturnType<Store['commit']>> } | { ok: false; error: unknown }> = [];
      try {
        db.exec('BEGIN IMMEDIATE');
        for (const item of batch) {
          db.exec('SAVEPOINT one_commit');
          try {
            outcomes.push({ ok: true, results: await applyWrites(exec, item.writes, item.now, noLock) });
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
        if (outcome.ok) item.resolve(outcome.results);
        else item.reject(outcome.error);
      });
    }
    flushing = undefined;
  };

  return {
    kind: 'sqlite',
    read: (type, id) => readCurrent(reader, type, id),
    vread: (type, id, versionId) => readVersion(reader, type, id, versionId),
    readMany: (keys) => readMany(reader, keys),
    history: (query) => history(reader, query),
    search: (query) => search(reader, query),
    commit: (writes, now) =>
      new Promise((resolve, reject) => {
        pending.push({ writes, now, resolve, reject });
        // Start on the next turn of the event loop, so requests read in this turn join the batch.
        flushing ??= new Promise<void>((started) => setImmediate(started)).then(flush);
      }),
    close: async () => {
      await flushing;
      readerDb.close();
      db.close();
    },
  };
}
