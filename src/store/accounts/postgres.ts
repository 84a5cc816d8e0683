import type pg from 'pg';
import { postgresExecutor } from '../sql/postgres-executor.ts';
import { accountSchema, createAccountStore } from './account-sql.ts';
import type { AccountStore } from './account-store.ts';

/** Accounts in PostgreSQL; the caller owns the pool. */
export async function openPostgresAccountStore(options: { pool: pg.Pool }): Promise<AccountStore> {
  const exec = postgresExecutor(options.pool);
  for (const statement of accountSchema('postgres')) await exec.run(statement);
  return createAccountStore(exec, async () => {});
}
