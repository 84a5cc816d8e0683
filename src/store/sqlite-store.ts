import { DatabaseSync } from 'node:sqlite';
import { sqliteExecutor } from './sql/sqlite-executor.ts';
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
  const db = new DatabaseSync(options.file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA busy_timeout = 5000');
  for (const statement of schemaStatements('sqlite')) db.exec(statement);
  const exec = sqliteExecutor(db);
  // Reads use their own connection: the write connection may be inside a transaction whose
  // statements are interleaved with other requests, and a read there would see uncommitted rows.
  const readerDb = new DatabaseSync(options.file, { readOnly: true });
  readerDb.exec('PRAGMA busy_timeout = 5000');
  const reader = sqliteExecutor(readerDb);

  // node:sqlite is synchronous: a commit runs start to end without another one interleaving in this
  // process; BEGIN IMMEDIATE also orders it against other processes on the same file.
  const transaction = async <T>(work: () => Promise<T>): Promise<T> => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      db.exec('COMMIT');
      return result;
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  };
  let queue: Promise<unknown> = Promise.resolve();

  return {
    kind: 'sqlite',
    read: (type, id) => readCurrent(reader, type, id),
    vread: (type, id, versionId) => readVersion(reader, type, id, versionId),
    readMany: (keys) => readMany(reader, keys),
    history: (query) => history(reader, query),
    search: (query) => search(reader, query),
    commit: (writes, now) => {
      // The shared write code awaits between statements; chaining commits keeps one transaction open at a time.
      const run = queue.then(() => transaction(() => applyWrites(exec, writes, now, async () => {})));
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      await queue;
      readerDb.close();
      db.close();
    },
  };
}
