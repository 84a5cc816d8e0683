import { randomBytes, randomUUID } from 'node:crypto';
import { FhirError } from '../../fhir/errors.ts';
import type { SqlExecutor } from '../sql/executor.ts';
import { clientMethods } from './client-sql.ts';
import { invitationMethods } from './invitation-sql.ts';
import { notificationMethods } from './notification-sql.ts';
import { leaseMethods } from './lease-sql.ts';
import { secretMethods } from './secret-sql.ts';
import { throttleMethods } from './throttle-sql.ts';
import { cardIssueMethods } from './card-issue-sql.ts';
import { linkFileMethods } from './link-file-sql.ts';
import { accountTokenMethods } from './account-token-sql.ts';
import { secondFactorMethods } from './second-factor-sql.ts';
import { closureMethods } from './closure-sql.ts';
import type { ProfessionalRole } from '../../access/actor.ts';
import type { Account, AccountKind, AccountStore, Session, StoredHealthLink } from '../port.ts';

interface AccountRow {
  id: string; kind: string; email: string; password_hash: string; patient_id: string; given_name: string | null; family_name: string | null;
  practitioner_role_id: string | null; practitioner_id: string | null; organization_id: string | null; role: string | null; disabled_at: string | null;
}
const accountColumns = 'id, kind, email, password_hash, patient_id, given_name, family_name, practitioner_role_id, practitioner_id, organization_id, role, disabled_at';
interface SessionRow { id: string; account_id: string; patient_id: string; expires_at: string; revoked_at: string | null }
/** The account's columns beside the session's, named a_<column>: null when no account was joined. */
const joinedAccountColumns = accountColumns.split(', ').map((c) => `a.${c} AS a_${c}`).join(', ');
type JoinedAccountRow = { [K in keyof AccountRow as `a_${K}`]: AccountRow[K] | null };

const joinedAccount = (row: JoinedAccountRow): Account | undefined => {
  if (row.a_id === null) return undefined;
  const unprefixed = Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith('a_')).map(([k, v]) => [k.slice(2), v]));
  return toAccount(unprefixed as unknown as AccountRow);
};

interface HealthLinkRow { id: string; patient_id: string; label: string; key: string; passcode_hash: string | null; expires_at: string; remaining_attempts: number | string; created_at: string; revoked_at: string | null }

const toHealthLink = (r: HealthLinkRow): StoredHealthLink => ({
  id: r.id,
  patientId: r.patient_id,
  label: r.label,
  key: r.key,
  passcodeHash: r.passcode_hash ?? undefined,
  expiresAt: r.expires_at,
  remainingAttempts: Number(r.remaining_attempts),
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
});

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  kind: r.kind as AccountKind,
  email: r.email,
  passwordHash: r.password_hash,
  patientId: r.patient_id,
  ...(r.given_name !== null && r.family_name !== null ? { name: { given: r.given_name, family: r.family_name } } : {}),
  ...(r.practitioner_role_id && r.practitioner_id && r.organization_id && r.role
    ? { professional: { practitionerRoleId: r.practitioner_role_id, practitionerId: r.practitioner_id, organizationId: r.organization_id, role: r.role as ProfessionalRole } }
    : {}),
  ...(r.disabled_at ? { disabledAt: r.disabled_at } : {}),
});

/**
 * Every repository but the records', over either database (the executor decides which connection:
 * store/unit-of-work.ts). Methods of several statements are made atomic by storage.ts.
 */
export function createAccountStore(db: SqlExecutor): Omit<AccountStore, 'transaction' | 'close'> {
  return {
    ...clientMethods(db),
    ...invitationMethods(db),
    ...notificationMethods(db),
    ...leaseMethods(db),
    ...secretMethods(db),
    ...throttleMethods(db),
    ...cardIssueMethods(db),
    ...linkFileMethods(db),
    ...accountTokenMethods(db),
    ...secondFactorMethods(db),
    ...closureMethods(db),
    async createAccount({ email, passwordHash, patientId, name, kind = 'person', professional }) {
      const account: Account = { id: randomUUID(), kind, email: email.trim().toLowerCase(), passwordHash, patientId, ...(name ? { name } : {}), ...(professional ? { professional } : {}) };
      try {
        await db.run(
          `INSERT INTO accounts (id, kind, email, password_hash, patient_id, created_at, given_name, family_name, practitioner_role_id, practitioner_id, organization_id, role)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [account.id, kind, account.email, passwordHash, patientId, new Date().toISOString(), name?.given ?? null, name?.family ?? null,
            professional?.practitionerRoleId ?? null, professional?.practitionerId ?? null, professional?.organizationId ?? null, professional?.role ?? null],
        );
      } catch (err) {
        if (/unique|duplicate/i.test((err as Error).message)) throw new FhirError('conflict', 'There is already an account with this email address. Try signing in instead, or use another email address.');
        throw err;
      }
      return account;
    },
    async findAccountByEmail(email) {
      const [row] = await db.all<AccountRow>(`SELECT ${accountColumns} FROM accounts WHERE email = ?`, [email.trim().toLowerCase()]);
      return row ? toAccount(row) : undefined;
    },
    async findAccountById(id) {
      const [row] = await db.all<AccountRow>(`SELECT ${accountColumns} FROM accounts WHERE id = ?`, [id]);
      return row ? toAccount(row) : undefined;
    },
    async findAccountByPractitionerRole(practitionerRoleId) {
      const [row] = await db.all<AccountRow>(`SELECT ${accountColumns} FROM accounts WHERE practitioner_role_id = ?`, [practitionerRoleId]);
      return row ? toAccount(row) : undefined;
    },
    async disableAccount(accountId, at) {
      await db.run('UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL', [at, accountId]);
      await db.run('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL', [at, accountId]);
    },
    async countAccounts(kind) {
      const [row] = await db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM accounts WHERE kind = ?', [kind]);
      return Number(row?.n ?? 0);
    },
    async updatePassword(accountId, passwordHash) {
      await db.run('UPDATE accounts SET password_hash = ? WHERE id = ?', [passwordHash, accountId]);
    },
    async createSession(s) {
      // Sessions past their end are of no use to anyone: each sign-in tidies away its own account's.
      await db.run('DELETE FROM sessions WHERE account_id = ? AND expires_at < ?', [s.accountId, s.createdAt]);
      await db.run('INSERT INTO sessions (id, account_id, patient_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [s.id, s.accountId, s.patientId, s.createdAt, s.expiresAt]);
    },
    async findSession(id) {
      // A professional's or an administrator's session needs its account on every request, a person's
      // the records she cares for (a row each, a few at most): one statement, not two.
      const rows = await db.all<SessionRow & JoinedAccountRow & { cares_for: string | null }>(
        `SELECT s.id, s.account_id, s.patient_id, s.expires_at, s.revoked_at, ${joinedAccountColumns}, c.patient_id AS cares_for
         FROM sessions s
         LEFT JOIN accounts a ON s.patient_id = '' AND a.id = s.account_id
         LEFT JOIN carer_links c ON s.patient_id <> '' AND c.account_id = s.account_id
         WHERE s.id = ?`,
        [id],
      );
      const row = rows[0];
      if (!row) return undefined;
      const session: Session = { id: row.id, accountId: row.account_id, patientId: row.patient_id, expiresAt: row.expires_at, revoked: row.revoked_at !== null };
      if (row.patient_id !== '') return { ...session, caresFor: rows.flatMap((r) => (r.cares_for === null ? [] : [r.cares_for])) };
      const account = joinedAccount(row);
      return account ? { ...session, account } : session;
    },
    async revokeSession(id, at) {
      await db.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
    },
    async revokeOtherSessions(accountId, keepSessionId, at) {
      await db.run('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND id <> ? AND revoked_at IS NULL', [at, accountId, keepSessionId]);
    },
    async getOrCreateSecret(name, create = () => randomBytes(32).toString('base64url')) {
      // Insert-if-absent then read: when several instances start together, all end up with the first one's secret.
      await db.run('INSERT INTO service_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, create()]);
      const [row] = await db.all<{ value: string }>('SELECT value FROM service_secrets WHERE name = ?', [name]);
      return row!.value;
    },
    async listIssuerKeys() {
      const rows = await db.all<{ kid: string; private_jwk: string; created_at: string; retired_at: string | null }>('SELECT kid, private_jwk, created_at, retired_at FROM issuer_keys ORDER BY created_at, kid');
      return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, createdAt: r.created_at, retiredAt: r.retired_at ?? undefined }));
    },
    async addIssuerKey(key, retireOthersAt) {
      // One statement each, in order: the new key exists before the old ones stop signing.
      await db.run('INSERT INTO issuer_keys (kid, private_jwk, created_at) VALUES (?, ?, ?) ON CONFLICT (kid) DO NOTHING', [key.kid, key.privateJwk, key.createdAt]);
      if (retireOthersAt) await db.run('UPDATE issuer_keys SET retired_at = ? WHERE kid <> ? AND retired_at IS NULL', [retireOthersAt, key.kid]);
    },
    async createHealthLink(link) {
      await db.run('INSERT INTO health_links (id, patient_id, label, key, passcode_hash, expires_at, remaining_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        link.id, link.patientId, link.label, link.key, link.passcodeHash ?? null, link.expiresAt, link.remainingAttempts, link.createdAt,
      ]);
    },
    async findHealthLink(id) {
      const [row] = await db.all<HealthLinkRow>('SELECT * FROM health_links WHERE id = ?', [id]);
      return row ? toHealthLink(row) : undefined;
    },
    async listHealthLinks(patientId) {
      return (await db.all<HealthLinkRow>('SELECT * FROM health_links WHERE patient_id = ? ORDER BY created_at', [patientId])).map(toHealthLink);
    },
    async takePasscodeAttempt(id) {
      // One statement that both checks and counts: no two requests can take the same attempt.
      const [row] = await db.all<{ remaining_attempts: number | string }>(
        'UPDATE health_links SET remaining_attempts = remaining_attempts - 1 WHERE id = ? AND remaining_attempts > 0 RETURNING remaining_attempts',
        [id],
      );
      return row ? Number(row.remaining_attempts) : undefined;
    },
    async returnPasscodeAttempt(id) {
      await db.run('UPDATE health_links SET remaining_attempts = remaining_attempts + 1 WHERE id = ?', [id]);
    },
    async revokeHealthLink(id, at) {
      await db.run('UPDATE health_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
    },
    async recordLinkAccess(access) {
      await db.run('INSERT INTO health_link_accesses (link_id, accessed_at, recipient, outcome) VALUES (?, ?, ?, ?)', [access.linkId, access.at, access.recipient, access.outcome]);
    },
    async listLinkAccesses(linkId) {
      const rows = await db.all<{ accessed_at: string; recipient: string; outcome: string }>('SELECT accessed_at, recipient, outcome FROM health_link_accesses WHERE link_id = ? ORDER BY accessed_at', [linkId]);
      return rows.map((r) => ({ at: r.accessed_at, recipient: r.recipient, outcome: r.outcome }));
    },
    async addRevocation(kid, rid, revokedAt) {
      await db.run('INSERT INTO card_revocations (kid, rid, revoked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [kid, rid, revokedAt]);
    },
    async listRevocations(kid) {
      const rows = await db.all<{ rid: string; revoked_at: string }>('SELECT rid, revoked_at FROM card_revocations WHERE kid = ? ORDER BY revoked_at, rid', [kid]);
      return rows.map((r) => ({ rid: r.rid, revokedAt: r.revoked_at }));
    },
  };
}
