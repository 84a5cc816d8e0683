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
export interface NotificationRepository {
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
