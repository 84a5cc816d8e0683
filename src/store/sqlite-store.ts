import { resolve } from 'node:path';
import { openSqliteConnection, sqliteExecutor } from './sql/sqlite-executor.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { sqliteMigrationConnection } from './migrations/connections.ts';
import type { SqlExecutor } from './sql/executor.ts';
import { startCheckpointer } from './sql/sqlite-checkpointer.ts';
import { walSync } from './sql/sqlite-wal-sync.ts';
import { startWriteThread } from './sql/sqlite-write-thread.ts';
import { groupCommit } from './sql/sqlite-group-commit.ts';
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
  /** The log's length (4 kB frames) past which writes pause for the checkpointer (64 MB unless given: sql/sqlite-checkpointer.ts). */
  longLogFrames?: number;
}

export async function openSqliteStore(options: SqliteOptions): Promise<Store> {
  return (await openSqliteStorage(options)).records;
}

interface SqliteEngine extends SqlEngine {
  close(): Promise<void>;
}

/**
 * Every write to one file in this process goes through ONE queue (sql/sqlite-group-commit.ts), whoever
 * opened it (the record, the accounts, a second service on the same file in a test): node:sqlite
 * waits for another connection's lock synchronously, which would stall the very transaction that
 * holds it, and a transaction that spans the record and the accounts needs them on one connection.
 * The queue writes on one connection at a time: the engine's own, or the write thread's for large
 * commits planned in full (sql/commit-alone.ts).
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

async function openEngine(file: string, { onProblem, syncLog, longLogFrames }: SqliteOptions): Promise<SqliteEngine> {
  const db = openSqliteConnection(file);
  // The embedded store migrates at start (store/migrations): there is no operator to ask.
  await migrateSchema(sqliteMigrationConnection(db, file));
  const writer = sqliteExecutor(db);
  // The writer's COMMIT no longer waits for the disk; `wal` does, off the event loop, before anyone
  // is answered (sqlite-wal-sync.ts). Readers and the checkpointer keep FULL: they commit nothing.
  db.exec('PRAGMA synchronous = NORMAL');
  const wal = walSync(file, syncLog);
  let open = true;
  // Writes planned in full before they run go to a thread of their own (sqlite-write-thread.ts).
  const thread = startWriteThread(file, (message) => onProblem?.(`SQLite writes moved back to the event loop: ${message}`));

  // Checkpoints on a thread of their own, not inside a COMMIT on the event loop (sqlite-checkpointer.ts).
  db.exec('PRAGMA wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer({
    file,
    intervalMs: 100,
    longLogFrames,
    resumeOwnCheckpoints: () => {
      if (!open) return;
      db.exec('PRAGMA wal_autocheckpoint = 1000');
      thread.resumeOwnCheckpoints();
    },
    onFailure: (message) => onProblem?.(`SQLite checkpoints moved back to the writer: ${message}`),
  });
  // Reads use their own connection: the write connection may be inside a transaction whose
  // statements are interleaved with other requests, and a read there would see uncommitted rows.
  const readerDb = openSqliteConnection(file, { readOnly: true });
  const owner = {};

  const commits = groupCommit({ db, thread, wal, checkpoints: checkpointer, onProblem });
  const noLock = async (): Promise<void> => {};
  const enqueue = <T>(run: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => commits.queue({ run, resolve: resolve as (results: never) => void, reject }));

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
    commitPlanned: (planned) =>
      thread.usable ? new Promise<boolean>((resolve, reject) => commits.queue({ planned, resolve, reject })) : Promise.resolve(false),
    begin: (work) =>
      enqueue(() => {
        const unit: OpenUnit = { owner, db: writer, lock: noLock, open: true, savepoints: 0 };
        return runInUnit(unit, () => work(unit));
      }),
    close: async () => {
      await commits.settled();
      await wal.close();
      await thread.stop();
      await checkpointer.stop();
      open = false;
      readerDb.close();
      db.close();
    },
  };
}
