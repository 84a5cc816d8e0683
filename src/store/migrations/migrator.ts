import { Umzug } from 'umzug';
import type { SqlExecutor } from '../sql/executor.ts';
import { migrations, type Migration } from './migrations.ts';
import { distributeOnCitus } from './citus.ts';

/**
 * One connection to migrate through, whichever the database: the lock that lets one instance
 * migrate while the others wait, and a transaction per migration (with its line in
 * schema_migrations), so a migration is either all there or not at all.
 */
export interface MigrationConnection {
  db: SqlExecutor;
  withSchemaLock<T>(work: () => Promise<T>): Promise<T>;
  inTransaction(work: () => Promise<void>): Promise<void>;
}

export class SchemaTooNewError extends Error {
  constructor(unknown: readonly string[]) {
    super(`This database has been migrated by a newer version of Red Bag (${unknown.join(', ')}). Start that version, or restore a backup made for this one.`);
    this.name = 'SchemaTooNewError';
  }
}

export class MigrationNeededError extends Error {
  constructor(pending: readonly string[]) {
    super(`The database needs migrating before this version can start (${pending.join(', ')}). Run "npm run migrate" with the same DATABASE_URL, or set MIGRATE_AT_START=on, then start again.`);
    this.name = 'MigrationNeededError';
  }
}

export interface SchemaState {
  executed: string[];
  pending: string[];
  /** Applied here but not known to this code: the database is newer than this version. */
  unknown: string[];
  /** Nothing at all yet: a brand-new database. */
  fresh: boolean;
}

const versionTable = 'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)';

async function readState(db: SqlExecutor, known: readonly Migration[]): Promise<SchemaState> {
  await db.run(versionTable);
  const executed = (await db.all<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
  const tables = db.dialect === 'sqlite'
    ? await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('resources', 'accounts')")
    : await db.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('resources', 'accounts')");
  const names = new Set(known.map((m) => m.name));
  return {
    executed,
    pending: known.filter((m) => !executed.includes(m.name)).map((m) => m.name),
    unknown: executed.filter((n) => !names.has(n)),
    fresh: executed.length === 0 && tables.length === 0,
  };
}

/** Where the database stands against this code's migrations (read under the schema lock). */
export async function schemaState(connection: MigrationConnection, known: readonly Migration[] = migrations): Promise<SchemaState> {
  return connection.withSchemaLock(() => readState(connection.db, known));
}

/**
 * Brings the database up to this code's schema through umzug, under the schema lock. `policy`
 * says what may be migrated: `any` (the embedded store at start, `npm run migrate`, tests), or
 * `fresh-only` (PostgreSQL at start: a brand-new database is set up, an older one must be migrated
 * on purpose). A database newer than this code is always refused. Returns what was applied.
 * With the citus extension in the database, the tables are then distributed (citus.ts).
 */
export async function migrateSchema(connection: MigrationConnection, policy: 'any' | 'fresh-only' = 'any', known: readonly Migration[] = migrations): Promise<string[]> {
  const { db } = connection;
  return connection.withSchemaLock(async () => {
    const state = await readState(db, known);
    if (state.unknown.length > 0) throw new SchemaTooNewError(state.unknown);
    if (state.pending.length === 0) {
      await distributeOnCitus(db);
      return [];
    }
    if (policy === 'fresh-only' && !state.fresh) throw new MigrationNeededError(state.pending);
    const umzug = new Umzug({
      logger: undefined,
      migrations: known.map((m) => ({
        name: m.name,
        up: () =>
          connection.inTransaction(async () => {
            await m.up(db);
            await db.run('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)', [m.name, new Date().toISOString()]);
          }),
      })),
      storage: {
        executed: async () => (await db.all<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
        // Logged inside each migration's own transaction (above), so a failed one leaves no line.
        logMigration: async () => {},
        unlogMigration: async () => {},
      },
    });
    const applied = (await umzug.up()).map((m) => m.name);
    // On Citus the tables are sharded once they exist (citus.ts); elsewhere this does nothing.
    await distributeOnCitus(db);
    return applied;
  });
}
