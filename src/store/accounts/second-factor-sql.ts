import type { SqlExecutor } from '../sql/executor.ts';
import type { SecondFactorStore } from '../port/account-security.ts';

interface Row { account_id: string; sealed_secret: string; created_at: string; confirmed_at: string | null; last_step: number | string }

export function secondFactorMethods(db: SqlExecutor): SecondFactorStore {
  return {
    async findSecondFactor(accountId) {
      const [r] = await db.all<Row>('SELECT account_id, sealed_secret, created_at, confirmed_at, last_step FROM second_factors WHERE account_id = ?', [accountId]);
      return r ? { accountId: r.account_id, sealedSecret: r.sealed_secret, createdAt: r.created_at, lastStep: Number(r.last_step), ...(r.confirmed_at ? { confirmedAt: r.confirmed_at } : {}) } : undefined;
    },
    async saveUnconfirmedSecondFactor(accountId, sealedSecret, at) {
      await db.run(
        `INSERT INTO second_factors (account_id, sealed_secret, created_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, created_at = excluded.created_at, last_step = 0
         WHERE second_factors.confirmed_at IS NULL`,
        [accountId, sealedSecret, at],
      );
    },
    async confirmSecondFactor(accountId, step, at, hashes) {
      const rows = await db.all<{ account_id: string }>(
        'UPDATE second_factors SET confirmed_at = ?, last_step = ? WHERE account_id = ? AND confirmed_at IS NULL AND last_step < ? RETURNING account_id',
        [at, step, accountId, step],
      );
      if (rows.length !== 1) return false;
      await db.run('DELETE FROM recovery_codes WHERE account_id = ?', [accountId]);
      for (const hash of hashes) await db.run('INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)', [accountId, hash]);
      return true;
    },
    async takeTotpStep(accountId, step) {
      const rows = await db.all<{ account_id: string }>('UPDATE second_factors SET last_step = ? WHERE account_id = ? AND last_step < ? RETURNING account_id', [step, accountId, step]);
      return rows.length === 1;
    },
    async useRecoveryCode(accountId, codeHash, at) {
      const rows = await db.all<{ account_id: string }>('UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL RETURNING account_id', [at, accountId, codeHash]);
      return rows.length === 1;
    },
    async countRecoveryCodes(accountId) {
      const [r] = await db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = ? AND used_at IS NULL', [accountId]);
      return Number(r?.n ?? 0);
    },
    async removeSecondFactor(accountId) {
      await db.run('DELETE FROM recovery_codes WHERE account_id = ?', [accountId]);
      await db.run('DELETE FROM second_factors WHERE account_id = ?', [accountId]);
    },
    async createSignInTicket(ticketHash, accountId, now, expiresAt) {
      await db.run('DELETE FROM sign_in_tickets WHERE expires_at < ?', [now]);
      await db.run('INSERT INTO sign_in_tickets (ticket_hash, account_id, expires_at) VALUES (?, ?, ?)', [ticketHash, accountId, expiresAt]);
    },
    async findSignInTicket(ticketHash, now) {
      const [r] = await db.all<{ account_id: string }>('SELECT account_id FROM sign_in_tickets WHERE ticket_hash = ? AND expires_at > ?', [ticketHash, now]);
      return r?.account_id;
    },
    async useSignInTicket(ticketHash, now) {
      const rows = await db.all<{ account_id: string }>('DELETE FROM sign_in_tickets WHERE ticket_hash = ? AND expires_at > ? RETURNING account_id', [ticketHash, now]);
      return rows.length === 1;
    },
  };
}
