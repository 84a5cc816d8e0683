import { AsyncLocalStorage } from 'node:async_hooks';
import { isSelect, type PlannedStatement, type SqlExecutor } from './sql/executor.ts';

/** An open database transaction: the one connection every statement of it runs on. */
export interface OpenUnit {
  /** The database it belongs to (an engine's token): a unit of another database is not joined. */
  readonly owner: object;
  readonly db: SqlExecutor;
  /** Serialises If-None-Exist creates in one record (a PostgreSQL advisory lock; SQLite writes one at a time). */
  readonly lock: (key: string) => Promise<void>;
  /** False once it has committed or rolled back: work that outlives it (a stray promise) cannot join it. */
  open: boolean;
  savepoints: number;
}

/**
 * What each adapter gives the shared storage code: a reader for committed data, one statement
 * committed by itself, and a new transaction. Everything else (which connection a call uses,
 * savepoints, the repositories) is written once, here and in storage.ts.
 */
export interface SqlEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** Citus: a record's rows are on its shard, and where an id lives (resource_locations) on the id's. */
  readonly sharded: boolean;
  readonly owner: object;
  readonly reader: SqlExecutor;
  readonly autocommit: SqlExecutor;
  /**
   * Commits statements planned in full (sql/commit-alone.ts) by themselves, durable before it resolves
   * true; false, with nothing kept, when a unique key refused them or the engine cannot take them.
   */
  commitPlanned?(statements: readonly PlannedStatement[]): Promise<boolean>;
  /** Runs `work` in a new transaction, committed and durable before it resolves, rolled back if it throws. */
  begin<T>(work: (unit: OpenUnit) => Promise<T>): Promise<T>;
}

// The unit a piece of work runs in follows it through every await (AsyncLocalStorage), so the
// record layer, the notifier and the repositories join it without being handed a connection.
const units = new AsyncLocalStorage<OpenUnit>();

export function openUnitOf(owner: object): OpenUnit | undefined {
  const unit = units.getStore();
  return unit?.open && unit.owner === owner ? unit : undefined;
}

/** Whether this code runs inside an open unit of work (of any database). */
export function insideAUnit(): boolean {
  return units.getStore()?.open === true;
}

/** Runs `start` outside any unit: for background work kicked off from inside one (it must not join it). */
export function outsideUnits<T>(start: () => T): T {
  return units.exit(start);
}

/** For adapters' begin(): `work` and all it calls run in `unit`, which is closed to joiners afterwards. */
export async function runInUnit<T>(unit: OpenUnit, work: () => Promise<T>): Promise<T> {
  try {
    return await units.run(unit, work);
  } finally {
    unit.open = false;
  }
}

/**
 * A step inside an open unit that succeeds or fails as a whole: when it throws, what it wrote is
 * undone and the unit goes on (on PostgreSQL a failed statement would otherwise spoil the rest).
 */
async function inSavepoint<T>(unit: OpenUnit, work: () => Promise<T>): Promise<T> {
  const name = `step_${++unit.savepoints}`;
  await unit.db.run(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await unit.db.run(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await unit.db.run(`ROLLBACK TO SAVEPOINT ${name}`);
    await unit.db.run(`RELEASE SAVEPOINT ${name}`);
    throw err;
  }
}

/** Runs `work` in the open unit of this database (as a savepoint of it), or in a new one. */
export function inUnit<T>(engine: SqlEngine, work: (unit: OpenUnit) => Promise<T>): Promise<T> {
  const open = openUnitOf(engine.owner);
  return open ? inSavepoint(open, () => work(open)) : engine.begin(work);
}

/**
 * The executor the repositories are built on: inside a unit, its connection; outside, reads from
 * the reader and each other statement committed by itself (as before there were units).
 */
export function routedExecutor(engine: SqlEngine): SqlExecutor {
  const current = (): SqlExecutor | undefined => openUnitOf(engine.owner)?.db;
  return {
    dialect: engine.reader.dialect,
    all: <T>(sql: string, params?: readonly unknown[]) => {
      const db = current() ?? (isSelect(sql) ? engine.reader : engine.autocommit);
      return db.all<T>(sql, params);
    },
    run: (sql, params) => (current() ?? engine.autocommit).run(sql, params),
  };
}

/** Where the record's reads go: the open unit's connection (so it sees its own writes), else the reader. */
export function readerOf(engine: SqlEngine): () => SqlExecutor {
  return () => openUnitOf(engine.owner)?.db ?? engine.reader;
}
