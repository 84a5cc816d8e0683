import type { SqlExecutor } from '../sql/executor.ts';

/** A message in the portal for one account, about one person's record. */
export interface StoredNotification {
  id: string;
  noticeKey: string;
  accountId: string;
  patientId: string;
  kind: string;
  text: string;
  createdAt: string;
  readAt?: string;
}

/** An email waiting in the outbox (or sent, or given up on). */
export interface OutboxMessage {
  id: string;
  noticeKey: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  failedAt?: string;
}

/**
 * Notices to people and the email outbox. Every row is written with ON CONFLICT DO NOTHING on
 * (notice, recipient) and a notice is marked done only after its rows: a notice interrupted half
 * way is simply given again, and nobody gets it twice.
 */
export interface NotificationStore {
  isNoticeDone(key: string): Promise<boolean>;
  markNoticeDone(key: string, patientId: string, at: string): Promise<void>;
  addNotifications(rows: readonly Omit<StoredNotification, 'readAt'>[]): Promise<void>;
  /** Newest first. */
  listNotifications(accountId: string, limit: number): Promise<StoredNotification[]>;
  markNotificationsRead(accountId: string, ids: readonly string[], at: string): Promise<void>;
  enqueueMessages(rows: readonly Omit<OutboxMessage, 'attempts' | 'sentAt' | 'failedAt'>[]): Promise<void>;
  /** Takes up to `limit` messages due by `now` for this sender until `claimUntil`; another instance will not take them meanwhile. */
  claimDueMessages(now: string, claimUntil: string, limit: number): Promise<OutboxMessage[]>;
  /** Keeps a message claimed while a slow mail server is still taking it, so no other instance sends it too. */
  extendClaim(id: string, claimUntil: string): Promise<void>;
  markMessageSent(id: string, at: string): Promise<void>;
  /** A failed attempt: try again at `nextAttemptAt`, or give up (`failedAt`). */
  markMessageAttemptFailed(id: string, outcome: { nextAttemptAt: string } | { failedAt: string }): Promise<void>;
  listOutbox(recipient: string): Promise<OutboxMessage[]>;
  /** How many emails wait to be sent (neither sent nor given up): the outbox depth an operator watches. */
  countWaitingMessages(): Promise<number>;
  /** The accounts of the person whose record this is (not carers, not professionals). */
  personAccountsOf(patientId: string): Promise<Array<{ id: string; email: string }>>;
}

interface NotificationRow { id: string; notice_key: string; account_id: string; patient_id: string; kind: string; text: string; created_at: string; read_at: string | null }
interface OutboxRow { id: string; notice_key: string; recipient: string; subject: string; body: string; created_at: string; attempts: number | string; next_attempt_at: string; sent_at: string | null; failed_at: string | null }

const outboxColumns = 'id, notice_key, recipient, subject, body, created_at, attempts, next_attempt_at, sent_at, failed_at';
const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  noticeKey: r.notice_key,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  createdAt: r.created_at,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  ...(r.sent_at ? { sentAt: r.sent_at } : {}),
  ...(r.failed_at ? { failedAt: r.failed_at } : {}),
});

export function notificationMethods(db: SqlExecutor): NotificationStore {
  return {
    async isNoticeDone(key) {
      return (await db.all('SELECT 1 AS done FROM notices_done WHERE notice_key = ?', [key])).length > 0;
    },
    async markNoticeDone(key, patientId, at) {
      await db.run('INSERT INTO notices_done (notice_key, patient_id, done_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [key, patientId, at]);
    },
    async addNotifications(rows) {
      for (const n of rows) {
        await db.run(
          'INSERT INTO notifications (id, notice_key, account_id, patient_id, kind, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [n.id, n.noticeKey, n.accountId, n.patientId, n.kind, n.text, n.createdAt],
        );
      }
    },
    async listNotifications(accountId, limit) {
      const rows = await db.all<NotificationRow>('SELECT * FROM notifications WHERE account_id = ? ORDER BY created_at DESC, id LIMIT ?', [accountId, limit]);
      return rows.map((r) => ({ id: r.id, noticeKey: r.notice_key, accountId: r.account_id, patientId: r.patient_id, kind: r.kind, text: r.text, createdAt: r.created_at, ...(r.read_at ? { readAt: r.read_at } : {}) }));
    },
    async markNotificationsRead(accountId, ids, at) {
      if (ids.length === 0) return;
      await db.run(`UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL AND id IN (${ids.map(() => '?').join(', ')})`, [at, accountId, ...ids]);
    },
    async enqueueMessages(rows) {
      for (const m of rows) {
        await db.run(
          'INSERT INTO outbox (id, notice_key, recipient, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [m.id, m.noticeKey, m.recipient, m.subject, m.body, m.createdAt, m.nextAttemptAt],
        );
      }
    },
    async claimDueMessages(now, claimUntil, limit) {
      // The claim is re-checked on the row itself, so two instances racing for a message cannot both take it.
      const unclaimed = '(claimed_until IS NULL OR claimed_until < ?)';
      const rows = await db.all<OutboxRow>(
        `UPDATE outbox SET claimed_until = ? WHERE ${unclaimed} AND id IN (
           SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND ${unclaimed} ORDER BY next_attempt_at LIMIT ?)
         RETURNING ${outboxColumns}`,
        [claimUntil, now, now, now, limit],
      );
      return rows.map(toMessage).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
    },
    async extendClaim(id, claimUntil) {
      await db.run('UPDATE outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL', [claimUntil, id]);
    },
    async markMessageSent(id, at) {
      await db.run('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?', [at, id]);
    },
    async markMessageAttemptFailed(id, outcome) {
      if ('failedAt' in outcome) await db.run('UPDATE outbox SET failed_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?', [outcome.failedAt, id]);
      else await db.run('UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?', [outcome.nextAttemptAt, id]);
    },
    async listOutbox(recipient) {
      return (await db.all<OutboxRow>(`SELECT ${outboxColumns} FROM outbox WHERE recipient = ? ORDER BY created_at, id`, [recipient])).map(toMessage);
    },
    async countWaitingMessages() {
      const [row] = await db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL');
      return Number(row?.n ?? 0);
    },
    async personAccountsOf(patientId) {
      return db.all<{ id: string; email: string }>("SELECT id, email FROM accounts WHERE patient_id = ? AND kind = 'person' AND disabled_at IS NULL", [patientId]);
    },
  };
}
