import { resolve } from 'node:path';
import { openSqliteConnection, sqliteExecutor } from './sql/sqlite-executor.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { sqliteMigrationConnection } from './migrations/connections.ts';
import type { SqlExecutor } from './sql/executor.ts';
import { startCheckpointer } from './sql/sqlite-checkpointer.ts';
import { storageOver, type Storage } from './storage.ts';
import type { Store } from './store.ts';
import { runInUnit, type OpenUnit, type SqlEngine } from './unit-of-work.ts';

/**
 * The embedded store: one SQLite file through Node's built-in node:sqlite. WAL lets readers go on
 * while a write commits; synchronous=FULL makes COMMIT wait for the disk, so an acknowledged write
 * survives a crash or power cut.
 */
export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  const { engine, release } = await acquire(options);
  return storageOver(engine, release);
}

export interface SqliteOptions {
  file: string;
  /** Told (in plain words, no data) when something the store can carry on without goes wrong. */
  onProblem?: (message: string) => void;
}

export async function openSqliteStore(options: SqliteOptions): Promise<Store> {
  return (await openSqliteStorage(options)).records;
}

interface SqliteEngine extends SqlEngine {
  close(): Promise<void>;
}

/**
 * Every write to one file in this process goes through ONE connection and one queue, whoever
 * opened it (the record, the accounts, a second service on the same file in a test): node:sqlite
 * waits for another connection's lock synchronously, which would stall the very transaction that
 * holds it, and a transaction that spans the record and the accounts needs them on one connection.
 */
const engines = new Map<string, { engine: Promise<SqliteEngine>; users: number }>();

async function acquire(options: SqliteOptions): Promise<{ engine: SqliteEngine; release: () => Promise<void> }> {
  const key = resolve(options.file);
  let entry = engines.get(key);
  if (!entry) {
    const opened = { engine: openEngine(key, options.onProblem), users: 0 };
    engines.set(key, opened);
    opened.engine.catch(() => engines.delete(key));
    entry = opened;
  }
  entry.users += 1;
  const engine = await entry.engine;
  const shared = entry;
  return {
    engine,
    release: async () => {
      shared.users -= 1;
      if (shared.users > 0) return;
      if (engines.get(key) === shared) engines.delete(key);
      await engine.close();
    },
  };
}

async function openEngine(file: string, onProblem?: (message: string) => void): Promise<SqliteEngine> {
  const db = openSqliteConnection(file);
  // The embedded store migrates at start (store/migrations): there is no operator to ask.
  await migrateSchema(sqliteMigrationConnection(db, file));
  const writer = sqliteExecutor(db);
  let open = true;
  // Checkpoints on a thread of their own, not inside a COMMIT on the event loop (sqlite-checkpointer.ts).
  db.exec('PRAGMA wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer({
    file,
    intervalMs: 100,
    resumeOwnCheckpoints: () => {
      if (open) db.exec('PRAGMA wal_autocheckpoint = 1000');
    },
    onFailure: (message) => onProblem?.(`SQLite checkpoints moved back to the writer: ${message}`),
  });
  // Reads use their own connection: the write connection may be inside a transaction whose
  // statements are interleaved with other requests, and a read there would see uncommitted rows.
  const readerDb = openSqliteConnection(file, { readOnly: true });
  const owner = {};

  // Group commit: commits that arrive while one is being written share the next transaction (and
  // its one fsync), each inside its own SAVEPOINT so that one failing leaves the others whole.
  // Nobody is answered before the COMMIT that holds their writes has returned. Units of work,
  // account statements and reindex batches queue here too, so no transaction starts inside another.
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

  const autocommit: SqlExecutor = {
    dialect: 'sqlite',
    all: (sql, params) => enqueue(() => writer.all(sql, params)),
    run: (sql, params) => enqueue(() => writer.run(sql, params)),
  };

  return {
    kind: 'sqlite',
    sharded: false,
    owner,
    reader: sqliteExecutor(readerDb),
    autocommit,
    begin: (work) =>
      enqueue(() => {
        const unit: OpenUnit = { owner, db: writer, lock: noLock, open: true, savepoints: 0 };
        return runInUnit(unit, () => work(unit));
      }),
    close: async () => {
      await flushing;
      await checkpointer.stop();
      open = false;
      readerDb.close();
      db.close();
    },
  };
}
