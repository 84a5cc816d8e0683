import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { isSelect, type SqlExecutor } from './executor.ts';

/** Prepares each statement text once on `db`. */
export function preparedStatements(db: DatabaseSync): (sql: string) => StatementSync {
  const statements = new Map<string, StatementSync>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(isSelect(sql) ? parametersOutOfPlanning(sql) : sql);
      // Search text varies with the query's shape, and a multi-row INSERT's with its rows; a bound
      // keeps a stream of odd statements from growing it forever.
      if (statements.size >= 1000) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
}

/**
 * Every `?` of a SELECT outside quoted text becomes `+?`. SQLite (3.54, in Node 24) marks a statement
 * to be prepared again whenever a parameter its planner looked at is bound anew; it looks at them in
 * joins and in our searches' EXISTS clauses, so a read by id (a join of resource_locations and
 * resources) was parsed and planned on every call (`sqlite3Reprepare` under each `sqlite3_step` in
 * perf). It does not look into an expression such as `+?`, whose value and affinity (a parameter has
 * none) are the parameter's, and which the same index serves. In-process timing on a seeded file
 * (2026-12-02): a read by id 21 µs → 11, the session check 17 → 8, a compartment search 38-44 → 20.
 */
export function parametersOutOfPlanning(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|\?/g, (token) => (token === '?' ? '+?' : token));
}

/** node:sqlite behind the shared executor interface, with prepared statements cached by text. */
export function sqliteExecutor(db: DatabaseSync): SqlExecutor {
  const prepare = preparedStatements(db);
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: readonly unknown[] = []) => prepare(sql).all(...(params as never[])) as T[],
    run: async (sql: string, params: readonly unknown[] = []) => {
      prepare(sql).run(...(params as never[]));
    },
  };
}

/**
 * A connection to the one SQLite file. WAL lets readers go on while a write commits;
 * synchronous=FULL makes COMMIT wait for the disk (the store's writer turns this to NORMAL and syncs
 * the log itself, off the event loop: sqlite-wal-sync.ts); busy_timeout lets connections wait for each other.
 */
export function openSqliteConnection(file: string, options: { readOnly?: boolean } = {}): DatabaseSync {
  const db = new DatabaseSync(file, { readOnly: options.readOnly ?? false });
  db.exec('PRAGMA busy_timeout = 5000');
  // 64 MiB of page cache per connection (SQLite's default is 2 MiB): with 100,000 people the index
  // B-trees no longer fit the default, and every write then re-reads their inner pages.
  db.exec('PRAGMA cache_size = -65536');
  // Each commit of a group runs in its SAVEPOINT, whose undo copies of pages went, past 64 KiB, to a
  // temporary file one pwrite at a time (10% of a create's CPU in perf). In memory they cost a copy:
  // 2-resource commits took 0.37-0.43 ms of CPU against 0.42-0.56 (three alternating runs, 2026-12-01).
  db.exec('PRAGMA temp_store = MEMORY');
  if (!options.readOnly) {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
  }
  return db;
}
