import type { ProfessionalRole } from '../../access/actor.ts';
import type { ClientStore } from './client-sql.ts';
import type { InvitationStore } from './invitation-sql.ts';
import type { NotificationStore } from './notification-sql.ts';
import type { CardIssueStore } from './card-issue-sql.ts';
import type { LinkFileStore } from './link-file-sql.ts';
import type { LeaseStore } from './lease-sql.ts';
import type { SecretStore } from './secret-sql.ts';
import type { ThrottleStore } from './throttle-sql.ts';
import type { AccountTokenStore } from './account-token-sql.ts';
import type { SecondFactorStore } from './second-factor-sql.ts';
import type { ClosureStore } from './closure-sql.ts';

/**
 * Accounts and sessions of people: not FHIR, so a port of its own. One implementation over the
 * shared SQL executor (account-sql.ts) serves both SQLite and PostgreSQL.
 */
/** The name given at sign-up; the Patient resource remains the record of it. */
export interface PersonName {
  given: string;
  family: string;
}

/** People keep a record; professionals see what is shared with them; admins run the directory. */
export type AccountKind = 'person' | 'professional' | 'admin';

/** Where a professional works and as what: her PractitionerRole in the directory. */
export interface ProfessionalPost {
  practitionerRoleId: string;
  practitionerId: string;
  organizationId: string;
  role: ProfessionalRole;
}

export interface Account {
  id: string;
  kind: AccountKind;
  /** Always lower-case; unique. */
  email: string;
  /** Self-describing scrypt string (auth/passwords.ts); never the password. */
  passwordHash: string;
  /** The person's own record; '' for professionals and admins, who have none here. */
  patientId: string;
  /** Absent for accounts made before names were kept. */
  name?: PersonName;
  professional?: ProfessionalPost;
  /** When the account was closed (a professional who left): it can no longer sign in. */
  disabledAt?: string;
}

export interface Session {
  /** SHA-256 of the secret in the cookie: a stolen database does not hand out live cookies. */
  id: string;
  accountId: string;
  patientId: string;
  expiresAt: string;
  revoked: boolean;
}

/** A SMART Health Link the person made; the key decrypts what the link serves. */
export interface StoredHealthLink {
  id: string;
  patientId: string;
  label: string;
  key: string;
  /** scrypt hash, as for passwords; never the passcode itself. */
  passcodeHash?: string;
  expiresAt: string;
  remainingAttempts: number;
  createdAt: string;
  revokedAt?: string;
}

export interface AccountStore extends ClientStore, InvitationStore, NotificationStore, LeaseStore, SecretStore, ThrottleStore, CardIssueStore, LinkFileStore,
  AccountTokenStore, SecondFactorStore, ClosureStore {
  /** Lower-cases the email; throws FhirError 'conflict' when it is taken. */
  createAccount(account: { email: string; passwordHash: string; patientId: string; name?: PersonName; kind?: AccountKind; professional?: ProfessionalPost }): Promise<Account>;
  findAccountByPractitionerRole(practitionerRoleId: string): Promise<Account | undefined>;
  /** Closes an account and ends every session of it at once. */
  disableAccount(accountId: string, at: string): Promise<void>;
  countAccounts(kind: AccountKind): Promise<number>;
  findAccountByEmail(email: string): Promise<Account | undefined>;
  findAccountById(id: string): Promise<Account | undefined>;
  updatePassword(accountId: string, passwordHash: string): Promise<void>;
  createSession(session: { id: string; accountId: string; patientId: string; expiresAt: string; createdAt: string }): Promise<void>;
  findSession(id: string): Promise<Session | undefined>;
  revokeSession(id: string, at: string): Promise<void>;
  /** Signs out everywhere else (after a password change). */
  revokeOtherSessions(accountId: string, keepSessionId: string, at: string): Promise<void>;
  /** A service secret, made once (by default 32 random bytes, base64url) and shared by every instance on the same database; src/secrets seals it (`create` makes the sealed value). */
  getOrCreateSecret(name: string, create?: () => string): Promise<string>;
  /** Card-signing keys, oldest first; retired ones stay so cards already printed still verify. `privateJwk` is sealed by src/secrets. */
  listIssuerKeys(): Promise<Array<{ kid: string; privateJwk: string; createdAt: string; retiredAt?: string }>>;
  /** Adds a signing key; with `retireOthersAt`, every other key stops signing new cards (rotation). */
  addIssuerKey(key: { kid: string; privateJwk: string; createdAt: string }, retireOthersAt?: string): Promise<void>;
  createHealthLink(link: Omit<StoredHealthLink, 'revokedAt'>): Promise<void>;
  findHealthLink(id: string): Promise<StoredHealthLink | undefined>;
  listHealthLinks(patientId: string): Promise<StoredHealthLink[]>;
  /**
   * Takes one passcode attempt before the passcode is checked, in one statement, so guesses sent
   * in parallel get no more tries than guesses sent one by one. Returns how many are left after
   * this one, or undefined when none were left (the link is locked).
   */
  takePasscodeAttempt(id: string): Promise<number | undefined>;
  /** Gives back the attempt a right passcode took: only wrong ones count towards the lock. */
  returnPasscodeAttempt(id: string): Promise<void>;
  revokeHealthLink(id: string, at: string): Promise<void>;
  recordLinkAccess(access: { linkId: string; at: string; recipient: string; outcome: string }): Promise<void>;
  listLinkAccesses(linkId: string): Promise<Array<{ at: string; recipient: string; outcome: string }>>;
  /** Cards of this rid signed before `revokedAt` stop verifying as current (SMART Health Cards CRL). */
  addRevocation(kid: string, rid: string, revokedAt: string): Promise<void>;
  listRevocations(kid: string): Promise<Array<{ rid: string; revokedAt: string }>>;
  close(): Promise<void>;
}
