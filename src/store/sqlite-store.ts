import { resolve } from 'node:path';
import { openSqliteConnection, sqliteExecutor } from './sql/sqlite-executor.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { sqliteMigrationConnection } from './migrations/connections.ts';
import type { SqlExecutor } from './sql/executor.ts';
import { startCheckpointer } from './sql/sqlite-checkpointer.ts';
import { walSync } from './sql/sqlite-wal-sync.ts';
import { storageOver, type Storage } from './storage.ts';
import type { Store } from './store.ts';
import { runInUnit, type OpenUnit, type SqlEngine } from './unit-of-work.ts';

/**
 * The embedded store: one SQLite file through Node's built-in node:sqlite. WAL lets readers go on
 * while a write commits; a write is answered only once the log holding it is synced to disk
 * (sqlite-wal-sync.ts), so an acknowledged write survives a crash or power cut.
 */
export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  const { engine, release } = await acquire(options);
  return storageOver(engine, release);
}

export interface SqliteOptions {
  file: string;
  /** Told (in plain words, no data) when something the store can carry on without goes wrong. */
  onProblem?: (message: string) => void;
  /** Syncs the write-ahead log to disk (fdatasync unless given: tests hold it to see who waits for it). */
  syncLog?: (fd: number) => Promise<void>;
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
    const opened = { engine: openEngine(key, options), users: 0 };
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

async function openEngine(file: string, { onProblem, syncLog }: SqliteOptions): Promise<SqliteEngine> {
  const db = openSqliteConnection(file);
  // The embedded store migrates at start (store/migrations): there is no operator to ask.
  await migrateSchema(sqliteMigrationConnection(db, file));
  const writer = sqliteExecutor(db);
  // The writer's COMMIT no longer waits for the disk; `wal` does, off the event loop, before anyone
  // is answered (sqlite-wal-sync.ts). Readers and the checkpointer keep FULL: they commit nothing.
  db.exec('PRAGMA synchronous = NORMAL');
  const wal = walSync(file, syncLog);
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

  // Group commit: commits that arrive while one is being written share the next transaction, each
  // inside its own SAVEPOINT so that one failing leaves the others whole. Nobody is answered before
  // the COMMIT that holds their writes has returned and a sync of the log begun after it has
  // finished; the next transaction starts meanwhile. Units of work, account statements and reindex
  // batches queue here too, so no transaction starts inside another.
  interface Pending {
    run: () => Promise<unknown>;
    resolve: (results: never) => void;
    reject: (err: unknown) => void;
  }
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  /** Batches committed, waiting for their sync to be answered. */
  const syncs = new Set<Promise<void>>();
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
      const answer = (synced: { ok: true } | { ok: false; error: unknown }): void =>
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          // A failed sync: the writes may or may not survive a power cut, so nobody is told they were kept.
          if (!synced.ok) item.reject(synced.error);
          else if (outcome.ok) item.resolve(outcome.results as never);
          else item.reject(outcome.error);
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
      await Promise.all(syncs);
      await wal.close();
      await checkpointer.stop();
      open = false;
      readerDb.close();
      db.close();
    },
  };
}
