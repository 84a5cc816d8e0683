import type { AccountTokenStore, ClosureStore, SecondFactorStore } from './account-security.ts';
import type { ProfessionalRole } from '../../access/actor.ts';

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
  /** For a session that is not a person's (patientId ''): its account, read with it. */
  account?: Account;
  /** For a person's session: the records her account is linked to as a carer, read with it. */
  caresFor?: string[];
}

/** Accounts of people, professionals and admins, and their sessions. */
/** Accounts and sessions, with what keeps them safe (port/account-security.ts). */
export interface AccountRepository extends AccountTokenStore, SecondFactorStore, ClosureStore {
  /** Lower-cases the email; throws FhirError 'conflict' when it is taken. */
  createAccount(account: { email: string; passwordHash: string; patientId: string; name?: PersonName; kind?: AccountKind; professional?: ProfessionalPost }): Promise<Account>;
  findAccountByPractitionerRole(practitionerRoleId: string): Promise<Account | undefined>;
  /** Closes an account and ends every session of it, together (one transaction). */
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
}
