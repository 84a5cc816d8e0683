/** One SQL statement with its values, to be run with others as one transaction. */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/** Runs statements in ONE transaction: all of them, or (on any failure) none. */
export type AtomicRunner = (statements: readonly Statement[]) => Promise<void>;

export interface Closure {
  accountId: string;
  patientId: string;
  /** When her cards stop: a whole second after now, so a card signed this very second is revoked too. */
  at: string;
  /** Every card she ever had, under every key: put on the revocation lists in the same transaction. */
  revocations: ReadonlyArray<{ kid: string; rid: string }>;
  /** The last email ("your account is closed"), queued in the same transaction. */
  farewell?: { id: string; noticeKey: string; recipient: string; subject: string; body: string; queuedAt: string };
}

export interface ClosureStore {
  /**
   * Deletes her account and her record in one transaction: the record's resources, their history
   * and index rows (except AuditEvents: the trail of who saw what is kept, see README "Closing an
   * account"), her sessions, links, cards (revoked), carer arrangements, invitations, notices,
   * second factor and one-time links. Nothing is left half deleted.
   */
  closeAccountAndRecord(closure: Closure): Promise<void>;
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
    ...(c.farewell
      ? [s('INSERT INTO outbox (id, notice_key, recipient, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          c.farewell.id, c.farewell.noticeKey, c.farewell.recipient, c.farewell.subject, c.farewell.body, c.farewell.queuedAt, c.farewell.queuedAt)]
      : []),
  ];
}

export function closureMethods(atomically: AtomicRunner): ClosureStore {
  return {
    closeAccountAndRecord: (closure) => atomically(closureStatements(closure)),
  };
}
