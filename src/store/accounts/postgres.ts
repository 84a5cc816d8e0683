import type pg from 'pg';
import { migrateSchema } from '../migrations/migrator.ts';
import { withPostgresMigrationConnection } from '../migrations/connections.ts';
import { postgresExecutor } from '../sql/postgres-executor.ts';
import { createAccountStore } from './account-sql.ts';
import { postgresAtomic } from './atomic.ts';
import type { AccountStore } from './account-store.ts';

/**
 * Accounts in PostgreSQL; the caller owns the pool (it may point search_path at a schema), so
 * close() leaves it open. The schema is the migrations' (store/migrations).
 */
export async function openPostgresAccountStore(options: { pool: pg.Pool }): Promise<AccountStore> {
  await withPostgresMigrationConnection(options.pool, (connection) => migrateSchema(connection));
  return createAccountStore(postgresExecutor(options.pool), async () => {}, postgresAtomic(options.pool));
}
