import type pg from 'pg';
import type { AccountStore } from '../port.ts';
import { openPostgresStorage } from '../postgres-store.ts';

/**
 * Accounts in PostgreSQL; the caller owns the pool (it may point search_path at a schema), so
 * close() leaves it open. A transaction begun here spans the record on the same pool too.
 */
export async function openPostgresAccountStore(options: { pool: pg.Pool }): Promise<AccountStore> {
  return (await openPostgresStorage(options)).accounts;
}
