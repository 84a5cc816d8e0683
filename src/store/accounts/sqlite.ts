import { openSqliteConnection, sqliteExecutor } from '../sql/sqlite-executor.ts';
import { accountSchema, addMissingColumns, createAccountStore } from './account-sql.ts';
import type { AccountStore } from './account-store.ts';

/**
 * Accounts in the same SQLite file as the record, on a connection of their own (WAL,
 * synchronous=FULL: a sign-up or a sign-out that was answered survives a crash).
 */
export async function openSqliteAccountStore(options: { file: string }): Promise<AccountStore> {
  const db = openSqliteConnection(options.file);
  for (const statement of accountSchema('sqlite')) db.exec(statement);
  const exec = sqliteExecutor(db);
  await addMissingColumns(exec);
  return createAccountStore(exec, async () => db.close());
}
