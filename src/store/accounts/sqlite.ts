import { migrateSchema } from '../migrations/migrator.ts';
import { sqliteMigrationConnection } from '../migrations/connections.ts';
import { openSqliteConnection, sqliteExecutor } from '../sql/sqlite-executor.ts';
import { createAccountStore } from './account-sql.ts';
import { sqliteAtomic } from './atomic.ts';
import type { AccountStore } from './account-store.ts';

/**
 * Accounts in the same SQLite file as the record, on a connection of their own (WAL,
 * synchronous=FULL: a sign-up or a sign-out that was answered survives a crash). The schema is
 * the migrations' (store/migrations): up to date already when the record store was opened first.
 */
export async function openSqliteAccountStore(options: { file: string }): Promise<AccountStore> {
  const db = openSqliteConnection(options.file);
  await migrateSchema(sqliteMigrationConnection(db, options.file));
  return createAccountStore(sqliteExecutor(db), async () => db.close(), sqliteAtomic(db));
}
