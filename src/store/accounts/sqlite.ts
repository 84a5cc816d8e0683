import { openSqliteConnection, sqliteExecutor } from '../sql/sqlite-executor.ts';
import { accountSchema, createAccountStore } from './account-sql.ts';
import type { AccountStore } from './account-store.ts';

/** Accounts in the same SQLite file as the record, on a connection of their own. */
export async function openSqliteAccountStore(options: { file: string }): Promise<AccountStore> {
  const db = openSqliteConnection(options.file);
  for (const statement of accountSchema('sqlite')) db.exec(statement);
  return createAccountStore(sqliteExecutor(db), async () => db.close());
}
