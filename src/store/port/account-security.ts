/**
 * What keeps an account safe and lets it go: one-time links (a new password, a new email address),
 * the second factor with its recovery codes and sign-in tickets, and closing an account with its record.
 */

/** What a one-time link is for: setting a new password, or confirming a new email address. */
export type AccountTokenPurpose = 'reset-password' | 'change-email';

export interface AccountTokenStore {
  /** Keeps only the hash; an earlier unused link of the same purpose stops working (only the newest email counts). */
  createAccountToken(token: { tokenHash: string; accountId: string; purpose: AccountTokenPurpose; newEmail?: string; createdAt: string; expiresAt: string }): Promise<void>;
  /**
   * Uses a link once, in one statement: two clicks racing for it cannot both win. Returns its
   * account (and the new email it carries), or undefined when it is unknown, used, replaced or expired.
   */
  useAccountToken(tokenHash: string, purpose: AccountTokenPurpose, now: string): Promise<{ accountId: string; newEmail?: string } | undefined>;
  /** Lower-cases the email; throws FhirError 'conflict' when another account has it. */
  updateEmail(accountId: string, email: string): Promise<void>;
  updateName(accountId: string, name: { given: string; family: string }): Promise<void>;
  /** Signs out everywhere (after a password is set from a link: whoever else was signed in is not). */
  revokeAllSessions(accountId: string, at: string): Promise<void>;
}

/** An account's authenticator app: its secret sealed with SECRET_KEY, confirmed once a first code was right. */
export interface StoredSecondFactor {
  accountId: string;
  sealedSecret: string;
  createdAt: string;
  confirmedAt?: string;
  /** The last TOTP time step accepted: a code is good once, never again. */
  lastStep: number;
}

export interface SecondFactorStore {
  findSecondFactor(accountId: string): Promise<StoredSecondFactor | undefined>;
  /** A new, unconfirmed secret replaces any unconfirmed one; a confirmed one is kept (removeSecondFactor first). */
  saveUnconfirmedSecondFactor(accountId: string, sealedSecret: string, at: string): Promise<void>;
  /** Confirms it and replaces the recovery codes (hashes only), in one go from the caller's view. */
  confirmSecondFactor(accountId: string, step: number, at: string, recoveryCodeHashes: readonly string[]): Promise<boolean>;
  /** Takes this time step if it is later than the last one used, in one statement; false if already used (a replay). */
  takeTotpStep(accountId: string, step: number): Promise<boolean>;
  /** Uses one recovery code once; false if unknown or used. */
  useRecoveryCode(accountId: string, codeHash: string, at: string): Promise<boolean>;
  countRecoveryCodes(accountId: string): Promise<number>;
  removeSecondFactor(accountId: string): Promise<void>;
  createSignInTicket(ticketHash: string, accountId: string, now: string, expiresAt: string): Promise<void>;
  /** The account a live ticket stands for, without using it (a wrong code may be tried again, throttled). */
  findSignInTicket(ticketHash: string, now: string): Promise<string | undefined>;
  /** Uses it once; false when already used (two right codes racing). */
  useSignInTicket(ticketHash: string, now: string): Promise<boolean>;
}

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
