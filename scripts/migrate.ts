/**
 * npm run migrate [-- --status] — brings the configured database (DATABASE_URL, or the SQLite file
 * in DATA_DIR) up to this version's schema, or with --status says where it stands. Safe to run
 * while other instances start: one migrates, the others wait for it.
 */
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ConfigError, loadConfig } from '../src/config.ts';
import { sqliteMigrationConnection, withPostgresMigrationConnection } from '../src/store/migrations/connections.ts';
import { migrateSchema, schemaState, type MigrationConnection } from '../src/store/migrations/migrator.ts';
import { openSqliteConnection } from '../src/store/sql/sqlite-executor.ts';

async function withConnection<T>(work: (connection: MigrationConnection) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
    try {
      return await withPostgresMigrationConnection(pool, work);
    } finally {
      await pool.end();
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'redbag.sqlite');
  const db = openSqliteConnection(file);
  try {
    return await work(sqliteMigrationConnection(db, file));
  } finally {
    db.close();
  }
}

try {
  const { values } = parseArgs({ options: { status: { type: 'boolean', default: false } } });
  if (values.status) {
    const state = await withConnection((c) => schemaState(c));
    process.stdout.write(`Applied: ${state.executed.join(', ') || 'none'}\nWaiting: ${state.pending.join(', ') || 'none'}\n`);
    if (state.unknown.length > 0) process.stdout.write(`Made by a newer version: ${state.unknown.join(', ')}\n`);
  } else {
    const applied = await withConnection((c) => migrateSchema(c, 'any'));
    process.stdout.write(applied.length > 0 ? `Migrated: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `The migration failed: ${(err as Error).message}\n`);
  process.exit(1);
}
