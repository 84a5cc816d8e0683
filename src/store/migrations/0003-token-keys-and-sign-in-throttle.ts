import type { SqlExecutor } from '../sql/executor.ts';

/**
 * 0003: bearer-token signing keys kept sealed and by kid (so the token secret can be rotated
 * without signing everyone out), and sign-in counts that every instance shares.
 */
export const name = '0003-token-keys-and-sign-in-throttle';

export async function up(db: SqlExecutor): Promise<void> {
  const strict = db.dialect === 'sqlite' ? ' STRICT' : '';
  const int = db.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  await db.run(`CREATE TABLE IF NOT EXISTS token_keys (purpose TEXT NOT NULL, kid TEXT NOT NULL, secret TEXT NOT NULL, created_at TEXT NOT NULL,
    retired_at TEXT, PRIMARY KEY (purpose, kid))${strict}`);
  await db.run(`CREATE TABLE IF NOT EXISTS signin_throttle (key TEXT PRIMARY KEY, count ${int} NOT NULL, first_at ${int} NOT NULL, last_at ${int} NOT NULL)${strict}`);
  await db.run('CREATE INDEX IF NOT EXISTS signin_throttle_by_last ON signin_throttle (last_at)');
}
