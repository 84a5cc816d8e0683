import type { SqlExecutor } from '../sql/executor.ts';
import type { NotificationRepository, OutboxMessage } from '../port/notifications.ts';

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

export function notificationMethods(db: SqlExecutor): NotificationRepository {
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
