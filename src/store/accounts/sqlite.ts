import { DatabaseSync } from 'node:sqlite';
import { sqliteExecutor } from '../sql/sqlite-executor.ts';
import { accountSchema, createAccountStore } from './account-sql.ts';
import type { AccountStore } from './account-store.ts';

/** Accounts in the same SQLite file as the record, on a connection of their own. */
export async function openSqliteAccountStore(options: { file: string }): Promise<AccountStore> {
  const db = new DatabaseSync(options.file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA busy_timeout = 5000');
  for (const statement of accountSchema('sqlite')) db.exec(statement);
  return createAccountStore(sqliteExecutor(db), async () => db.close());
}
