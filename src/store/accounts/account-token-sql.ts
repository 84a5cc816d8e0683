import { FhirError } from '../../fhir/errors.ts';
import type { SqlExecutor } from '../sql/executor.ts';
import type { AccountTokenStore } from '../port/account-security.ts';

export function accountTokenMethods(db: SqlExecutor): AccountTokenStore {
  return {
    async createAccountToken(t) {
      await db.run('UPDATE account_tokens SET used_at = ? WHERE account_id = ? AND purpose = ? AND used_at IS NULL', [t.createdAt, t.accountId, t.purpose]);
      await db.run('INSERT INTO account_tokens (token_hash, account_id, purpose, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        t.tokenHash, t.accountId, t.purpose, t.newEmail ?? null, t.createdAt, t.expiresAt,
      ]);
    },
    async useAccountToken(tokenHash, purpose, now) {
      // The lookup is by the hash's primary key; the hash of a guess matches nothing, so no timing tells how close it was.
      const [row] = await db.all<{ account_id: string; new_email: string | null }>(
        'UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING account_id, new_email',
        [now, tokenHash, purpose, now],
      );
      return row ? { accountId: row.account_id, ...(row.new_email ? { newEmail: row.new_email } : {}) } : undefined;
    },
    async updateEmail(accountId, email) {
      try {
        await db.run('UPDATE accounts SET email = ? WHERE id = ?', [email.trim().toLowerCase(), accountId]);
      } catch (err) {
        if (/unique|duplicate/i.test((err as Error).message)) throw new FhirError('conflict', 'There is already an account with this email address. Use another email address.');
        throw err;
      }
    },
    async updateName(accountId, name) {
      await db.run('UPDATE accounts SET given_name = ?, family_name = ? WHERE id = ?', [name.given, name.family, accountId]);
    },
    async revokeAllSessions(accountId, at) {
      await db.run('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL', [at, accountId]);
    },
  };
}
