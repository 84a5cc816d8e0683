import type { SqlExecutor } from '../sql/executor.ts';

/**
 * 0008: account basics. One-time links (a forgotten password, a new email address) kept only as a
 * SHA-256 of the code the email carries; second factors (a TOTP secret sealed with SECRET_KEY, the
 * last time step used so a code works once, and hashed recovery codes); and the short-lived
 * tickets that sit between a right password and a right code at sign-in.
 */
export const name = '0008-account-basics';

export async function up(db: SqlExecutor): Promise<void> {
  const strict = db.dialect === 'sqlite' ? ' STRICT' : '';
  const integer = db.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  await db.run(`CREATE TABLE IF NOT EXISTS account_tokens (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, purpose TEXT NOT NULL,
    new_email TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)${strict}`);
  await db.run('CREATE INDEX IF NOT EXISTS account_tokens_by_account ON account_tokens (account_id, purpose)');
  await db.run(`CREATE TABLE IF NOT EXISTS second_factors (account_id TEXT PRIMARY KEY, sealed_secret TEXT NOT NULL, created_at TEXT NOT NULL,
    confirmed_at TEXT, last_step ${integer} NOT NULL DEFAULT 0)${strict}`);
  await db.run(`CREATE TABLE IF NOT EXISTS recovery_codes (account_id TEXT NOT NULL, code_hash TEXT NOT NULL, used_at TEXT,
    PRIMARY KEY (account_id, code_hash))${strict}`);
  await db.run(`CREATE TABLE IF NOT EXISTS sign_in_tickets (ticket_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, expires_at TEXT NOT NULL)${strict}`);
  await db.run('CREATE INDEX IF NOT EXISTS sign_in_tickets_by_account ON sign_in_tickets (account_id)');
}
