import type { Patient } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { Account, AccountStore, PersonName } from '../store/port.ts';
import type { Registration } from './auth-input.ts';
import { TooManyAttempts, type SignInThrottle, type ThrottleKey } from './login-throttle.ts';
import type { DeviceCookies } from './device-cookie.ts';
import { fieldError } from './field-error.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import type { SessionService, SignedIn } from './sessions.ts';
import type { SecondFactors, SecondStepNeeded } from './second-factor.ts';

export interface AccountServiceDeps {
  accounts: AccountStore;
  sessions: SessionService;
  /**
   * The record layer writes the Patient; sign-up never writes FHIR itself. Returns the new id.
   * Called inside the sign-up's transaction (accounts.transaction), which the record joins.
   */
  createPatient: (patient: Patient) => Promise<string>;
  throttle: SignInThrottle;
  /** Devices the owner signed in on before are counted apart from everyone else. */
  devices: DeviceCookies;
  clock: () => Date;
  /** Ids and outcomes only: never an email, a password, a token or anything from the record. */
  logger: Logger;
  /** When she has a second factor (or must have one), sign-in stops after the password with a ticket. */
  secondFactors?: Pick<SecondFactors, 'atSignIn'>;
}

export interface AccountService {
  /** `address` is the client's, for the throttle. */
  register(input: Registration, address: string): Promise<{ patientId: string }>;
  /** `deviceCookie` is the device cookie the browser sent, if any; `newDeviceCookie`, one to set. */
  signIn(email: string, password: string, address: string, deviceCookie?: string): Promise<SignedInAnswer | SecondStepNeeded>;
  /** A session for an account whose second step was just passed. */
  finishSignIn(account: Account, deviceCookie?: string): Promise<SignedInAnswer>;
  changePassword(signedIn: SignedIn, currentPassword: string, newPassword: string, address: string): Promise<void>;
  signOut(signedIn: SignedIn): Promise<void>;
  profile(accountId: string): Promise<Profile>;
}

export interface SignedInAnswer {
  account: Account;
  cookieSecret: string;
  accessToken: string;
  expiresIn: number;
  newDeviceCookie?: string;
}

/** Who is signed in, as /auth/me tells the portal. */
export interface Profile {
  kind: Account['kind'];
  email: string;
  name: PersonName | null;
  /** A person's own record. */
  patient?: string;
  /** A professional's post. */
  practitionerRole?: string;
  organization?: string;
  role?: string;
}

/** The fields that say who signed in, for the sign-in answer and /auth/me. */
export function whoIs(account: Account): Omit<Profile, 'email' | 'name'> {
  if (account.kind === 'professional' && account.professional) {
    const p = account.professional;
    return { kind: account.kind, practitionerRole: `PractitionerRole/${p.practitionerRoleId}`, organization: `Organization/${p.organizationId}`, role: p.role };
  }
  return account.kind === 'person' ? { kind: account.kind, patient: `Patient/${account.patientId}` } : { kind: account.kind };
}

const wrongCredentials = 'The email address or password is not right. Check them and try again.';
export const signInFirst = 'Please sign in first.';

/** The person's Patient as sign-up makes it: her name, date of birth and email, nothing else. */
export function buildPatient(input: Registration): Patient {
  return {
    resourceType: 'Patient',
    name: [{ given: [input.name.given], family: input.name.family }],
    birthDate: input.birthDate,
    telecom: [{ system: 'email', value: input.email }],
  };
}

/** Sign-up, sign-in, password change and sign-out, without HTTP: the routes only map requests onto these. */
export function createAccountService(deps: AccountServiceDeps): AccountService {
  const { accounts, sessions, throttle, devices, clock, logger } = deps;
  void decoyHash(); // made now, so the first unknown email is not slower than a wrong password
  const now = (): number => clock().getTime();
  // Sign-ins under way in this process, by email: a burst of guesses sent at once would otherwise
  // all pass the check before the first failure is counted.
  const underWay = new Set<string>();

  const checkThrottle = async (keys: ThrottleKey[]): Promise<void> => {
    const wait = await throttle.wait(keys, now());
    if (wait > 0) {
      logger.warn({ on: keys.map((k) => k.kind), retryAfterSeconds: wait }, 'sign-in attempts throttled');
      throw new TooManyAttempts(wait);
    }
  };

  const startSession = async (account: Account, deviceCookie: string | undefined): Promise<SignedInAnswer> => {
    const device = devices.deviceOf(deviceCookie, account.id);
    const session = await sessions.start(account);
    logger.info({ accountId: account.id }, 'signed in');
    return { account, cookieSecret: session.cookieSecret, accessToken: session.accessToken, expiresIn: session.expiresIn, ...(device ? {} : { newDeviceCookie: devices.issue(account.id) }) };
  };

  const attempt = async (email: string, password: string, address: string, deviceCookie: string | undefined): Promise<SignedInAnswer | SecondStepNeeded> => {
    const account = await accounts.findAccountByEmail(email);
    const device = account ? devices.deviceOf(deviceCookie, account.id) : undefined;
    // On her own device the owner is counted alone; everyone else by account and by address.
    const keys: ThrottleKey[] = device ? [{ kind: 'device', id: device }] : [{ kind: 'account', id: email }, { kind: 'address', id: address }];
    await checkThrottle(keys);
    // One scrypt whether or not the email is known, so the answer's timing does not tell.
    const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    if (!account || !matches) {
      await throttle.fail(keys, now());
      logger.info({ accountId: account?.id, knownDevice: Boolean(device) }, 'sign-in refused');
      throw new FhirError('unauthenticated', wrongCredentials);
    }
    // A closed account answers exactly like a wrong password: the answer tells no one it exists.
    if (account.disabledAt) {
      logger.info({ accountId: account.id }, 'sign-in to a closed account refused');
      throw new FhirError('unauthenticated', wrongCredentials);
    }
    await throttle.clear(device ? [{ kind: 'device', id: device }] : [{ kind: 'account', id: email }]);
    // The only moment we hold the password: move an old hash up to today's parameters.
    if (needsRehash(account.passwordHash)) await accounts.updatePassword(account.id, await hashPassword(password));
    const secondStep = await deps.secondFactors?.atSignIn(account);
    if (secondStep) {
      logger.info({ accountId: account.id, need: secondStep.need }, 'password right; second factor asked');
      return secondStep;
    }
    return startSession(account, deviceCookie);
  };

  return {
    async register(input, address) {
      const wait = await throttle.chargeSignUp(address, now());
      if (wait > 0) {
        logger.warn({ retryAfterSeconds: wait }, 'sign-ups throttled');
        throw new TooManyAttempts(wait, 'sign-up');
      }
      if (await accounts.findAccountByEmail(input.email)) throw emailTaken();
      const passwordHash = await hashPassword(input.password);
      // The Patient and the account together or neither: two sign-ups racing for one email leave
      // the loser nothing, not a record without an account.
      const { patientId, account } = await accounts.transaction(async (tx) => {
        const id = await deps.createPatient(buildPatient(input));
        return { patientId: id, account: await tx.accounts.createAccount({ email: input.email, passwordHash, patientId: id, name: input.name }) };
      });
      logger.info({ accountId: account.id, patientId }, 'account created');
      return { patientId };
    },

    async signIn(email, password, address, deviceCookie) {
      if (underWay.has(email)) throw new TooManyAttempts(1);
      underWay.add(email);
      try {
        return await attempt(email, password, address, deviceCookie);
      } finally {
        underWay.delete(email);
      }
    },

    finishSignIn: startSession,

    async changePassword(signedIn, currentPassword, newPassword, address) {
      const account = await accounts.findAccountById(signedIn.actor.accountId);
      if (!account) throw new FhirError('unauthenticated', signInFirst);
      // A stolen session must not be a way to guess the password either.
      const keys: ThrottleKey[] = [{ kind: 'account', id: account.email }, { kind: 'address', id: address }];
      await checkThrottle(keys);
      if (!(await verifyPassword(currentPassword, account.passwordHash))) {
        await throttle.fail(keys, now());
        throw fieldError('invalid', 'currentPassword', 'Your current password is not right.');
      }
      if (newPassword.toLowerCase() === account.email) throw fieldError('bad-request', 'newPassword', 'Choose a password that is not your email address.');
      const passwordHash = await hashPassword(newPassword);
      // The new password and the other sessions ended together: none is left signed in with the old one.
      await accounts.transaction(async (tx) => {
        await tx.accounts.updatePassword(account.id, passwordHash);
        await tx.accounts.revokeOtherSessions(account.id, signedIn.sessionId, clock().toISOString());
      });
      logger.info({ accountId: account.id }, 'password changed; other sessions ended');
    },

    async signOut(signedIn) {
      await sessions.end(signedIn.sessionId);
      logger.info({ accountId: signedIn.actor.accountId }, 'signed out');
    },

    async profile(accountId) {
      const account = await accounts.findAccountById(accountId);
      if (!account) throw new FhirError('unauthenticated', signInFirst);
      return { ...whoIs(account), email: account.email, name: account.name ?? null };
    },
  };
}

const emailTaken = (): FhirError =>
  fieldError('conflict', 'email', 'There is already an account with this email address. Try signing in instead, or use another email address.');
