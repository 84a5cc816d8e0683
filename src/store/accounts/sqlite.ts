import type { AccountStore } from '../port.ts';
import { openSqliteStorage } from '../sqlite-store.ts';

/**
 * Accounts in the same SQLite file as the record, and on the same write connection and queue
 * (sqlite-store.ts), so a transaction can span both, and answered, as a record write is, only once
 * on disk: a sign-up or a sign-out that was answered survives a crash.
 */
export async function openSqliteAccountStore(options: { file: string }): Promise<AccountStore> {
  return (await openSqliteStorage(options)).accounts;
}
