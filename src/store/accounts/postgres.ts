import type pg from 'pg';
import { postgresExecutor } from '../sql/postgres-executor.ts';
import { accountSchema, addMissingColumns, createAccountStore } from './account-sql.ts';
import type { AccountStore } from './account-store.ts';

/**
 * Accounts in PostgreSQL; the caller owns the pool (it may point search_path at a schema), so
 * close() leaves it open.
 */
export async function openPostgresAccountStore(options: { pool: pg.Pool }): Promise<AccountStore> {
  const setup = await options.pool.connect();
  try {
    // Making or changing tables (an index on a large table, or waiting for another instance doing so)
    // may outlast PG_STATEMENT_TIMEOUT_MS: no limit on this one connection, which is then closed.
    await setup.query('SET statement_timeout = 0');
    // One start-up at a time makes or changes the tables, so several instances can start together.
    await setup.query('SELECT pg_advisory_lock(hashtext($1))', ['redbag-accounts-schema']);
    try {
      const exec = postgresExecutor(setup);
      for (const statement of accountSchema('postgres')) await exec.run(statement);
      await addMissingColumns(exec);
    } finally {
      await setup.query('SELECT pg_advisory_unlock(hashtext($1))', ['redbag-accounts-schema']);
    }
  } finally {
    setup.release(true);
  }
  return createAccountStore(postgresExecutor(options.pool), async () => {});
}
