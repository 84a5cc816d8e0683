import type { SqlExecutor } from '../sql/executor.ts';
import type { Closure, ClosureStore } from '../port/account-security.ts';

/** One SQL statement with its values. */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/** The record's tables, each keyed by compartment (the Patient id), each keeping its AuditEvents. */
const recordTables = ['index_token', 'index_string', 'index_date', 'index_reference', 'resource_history', 'resources'] as const;

/** The statements, in order; pure, so a test can read them. */
export function closureStatements(c: Closure): Statement[] {
  const s = (sql: string, ...params: unknown[]): Statement => ({ sql, params });
  return [
    ...c.revocations.map((r) => s('INSERT INTO card_revocations (kid, rid, revoked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', r.kid, r.rid, c.at)),
    s('DELETE FROM card_issues WHERE patient_id = ?', c.patientId),
    s('DELETE FROM health_link_files WHERE link_id IN (SELECT id FROM health_links WHERE patient_id = ?)', c.patientId),
    // The links' access log (health_link_accesses) is kept with the audit trail: it says who opened them.
    s('DELETE FROM health_links WHERE patient_id = ?', c.patientId),
    s('DELETE FROM carer_invitations WHERE patient_id = ?', c.patientId),
    s('DELETE FROM carer_links WHERE patient_id = ? OR account_id = ?', c.patientId, c.accountId),
    s('DELETE FROM notifications WHERE patient_id = ? OR account_id = ?', c.patientId, c.accountId),
    s('DELETE FROM notices_done WHERE patient_id = ?', c.patientId),
    s('DELETE FROM outbox WHERE recipient = (SELECT email FROM accounts WHERE id = ?) AND sent_at IS NULL', c.accountId),
    s('DELETE FROM account_tokens WHERE account_id = ?', c.accountId),
    s('DELETE FROM recovery_codes WHERE account_id = ?', c.accountId),
    s('DELETE FROM second_factors WHERE account_id = ?', c.accountId),
    s('DELETE FROM sign_in_tickets WHERE account_id = ?', c.accountId),
    s('DELETE FROM sessions WHERE account_id = ?', c.accountId),
    s('DELETE FROM accounts WHERE id = ?', c.accountId),
    ...recordTables.map((table) => s(`DELETE FROM ${table} WHERE compartment = ? AND resource_type <> 'AuditEvent'`, c.patientId)),
    // Where her resources were found by id, and her NHS number: free again (she may come back).
    s(`DELETE FROM resource_locations WHERE compartment = ? AND resource_type <> 'AuditEvent'`, c.patientId),
    s('DELETE FROM nhs_numbers WHERE compartment = ?', c.patientId),
    ...(c.farewell
      ? [s('INSERT INTO outbox (id, notice_key, recipient, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          c.farewell.id, c.farewell.noticeKey, c.farewell.recipient, c.farewell.subject, c.farewell.body, c.farewell.queuedAt, c.farewell.queuedAt)]
      : []),
  ];
}

/** Several statements: storage.ts runs the call as one transaction (all of them, or none). */
export function closureMethods(db: SqlExecutor): ClosureStore {
  return {
    async closeAccountAndRecord(closure) {
      for (const { sql, params } of closureStatements(closure)) await db.run(sql, params);
    },
  };
}
