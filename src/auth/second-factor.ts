import QRCode from 'qrcode';
import { FhirError } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { Keyring } from '../secrets/keyring.ts';
import type { Account, AccountStore } from '../store/port.ts';
import { fieldError } from './field-error.ts';
import { TooManyAttempts, type SignInThrottle, type ThrottleKey } from './login-throttle.ts';
import { codeHash, newCode, newRecoveryCode, normaliseRecoveryCode } from './one-time-codes.ts';
import { verifyPassword } from './passwords.ts';
import { matchingStep, newTotpSecret, otpauthUrl } from './totp.ts';

/** How long the ticket between a right password and a right code lasts. */
export const ticketSeconds = 600;
const recoveryCodeCount = 10;
const sealPurpose = 'second factor secret';

export interface SecondFactorStatus {
  enabled: boolean;
  /** Professionals and admins must have one where the service requires it (SECOND_FACTOR_REQUIRED). */
  required: boolean;
  recoveryCodesLeft: number;
}

export interface Setup {
  /** The secret in base32, for typing into an app by hand. */
  secret: string;
  otpauthUrl: string;
  /** The same address as a QR code (SVG), for the app's camera. */
  qrSvg: string;
}

/** After a right password: what is still needed before a session is given. */
export interface SecondStepNeeded {
  need: 'code' | 'setup';
  ticket: string;
  expiresIn: number;
}

export interface SecondFactors {
  status(account: Account): Promise<SecondFactorStatus>;
  /** undefined when her password is enough (no second factor, and none required). */
  atSignIn(account: Account): Promise<SecondStepNeeded | undefined>;
  /** A new secret, not yet in force until a first code from it is right (confirm). */
  startSetup(account: Account): Promise<Setup>;
  /** The same, for someone required to set one up while signing in (her ticket stands for the password). */
  startSetupWithTicket(ticket: string): Promise<Setup>;
  /** Puts the secret in force and returns the recovery codes (shown once). */
  confirmSetup(account: Account, code: string, address: string): Promise<string[]>;
  /**
   * The second step of signing in: a code from the app (or a recovery code) with the ticket. When
   * the ticket was for setting up, the first right code confirms it and the recovery codes come back.
   */
  completeSignIn(ticket: string, code: string, address: string): Promise<{ account: Account; recoveryCodes?: string[] }>;
  /** A current code (or a recovery code) of her confirmed factor, before something drastic; throws when wrong. */
  checkCode(account: Account, code: string, address: string): Promise<void>;
  /** Turns it off: her password and a current code. Refused where it is required. */
  remove(account: Account, password: string, code: string, address: string): Promise<void>;
}

export function createSecondFactors(deps: {
  accounts: AccountStore;
  keyring: Keyring;
  throttle: SignInThrottle;
  /** Whether professionals and admins must use one (production by default). */
  requiredForStaff: boolean;
  serviceName: string;
  clock: () => Date;
  logger: Logger;
}): SecondFactors {
  const { accounts, keyring, throttle, clock, logger } = deps;
  const now = (): number => clock().getTime();
  const isRequired = (account: Account): boolean => deps.requiredForStaff && account.kind !== 'person';
  const wrongCode = (): FhirError => fieldError('invalid', 'code', 'The code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.');

  const codeKeys = (account: Account, address: string): ThrottleKey[] => [{ kind: 'code', id: account.id }, { kind: 'address', id: address }];
  const guarded = async <T>(account: Account, address: string, check: () => Promise<T | undefined>): Promise<T> => {
    const keys = codeKeys(account, address);
    const wait = await throttle.wait(keys, now());
    if (wait > 0) throw new TooManyAttempts(wait, 'code');
    const result = await check();
    if (result === undefined) {
      await throttle.fail(keys, now());
      logger.info({ accountId: account.id }, 'second factor code refused');
      throw wrongCode();
    }
    await throttle.clear([keys[0]!]);
    return result;
  };

  const secretOf = async (accountId: string) => {
    const stored = await accounts.findSecondFactor(accountId);
    return stored ? { ...stored, secret: await keyring.unseal(sealPurpose, stored.sealedSecret) } : undefined;
  };

  /** A TOTP code (each time step once) or an unused recovery code; true when right. */
  const codeIsRight = async (accountId: string, code: string, confirmed: boolean): Promise<true | undefined> => {
    const factor = await secretOf(accountId);
    if (!factor || Boolean(factor.confirmedAt) !== confirmed) return undefined;
    const step = matchingStep(factor.secret, code, clock());
    if (step !== undefined) return (await accounts.takeTotpStep(accountId, step)) ? true : undefined;
    if (!confirmed) return undefined;
    return (await accounts.useRecoveryCode(accountId, codeHash(normaliseRecoveryCode(code)), clock().toISOString())) ? true : undefined;
  };

  const confirm = async (account: Account, code: string): Promise<string[] | undefined> => {
    const factor = await secretOf(account.id);
    if (!factor || factor.confirmedAt) return undefined;
    const step = matchingStep(factor.secret, code, clock());
    if (step === undefined) return undefined;
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    const done = await accounts.confirmSecondFactor(account.id, step, clock().toISOString(), codes.map((c) => codeHash(normaliseRecoveryCode(c))));
    if (!done) return undefined;
    logger.info({ accountId: account.id }, 'second factor set up');
    return codes;
  };

  const setup = async (account: Account): Promise<Setup> => {
    const existing = await accounts.findSecondFactor(account.id);
    if (existing?.confirmedAt) throw new FhirError('conflict', 'You already use an authenticator app. Turn it off first to set up another.');
    const secret = newTotpSecret();
    await accounts.saveUnconfirmedSecondFactor(account.id, await keyring.seal(sealPurpose, secret), clock().toISOString());
    const url = otpauthUrl({ secret, issuer: deps.serviceName, account: account.email });
    return { secret, otpauthUrl: url, qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
  };

  const accountOfTicket = async (ticket: string): Promise<Account> => {
    const accountId = await accounts.findSignInTicket(codeHash(ticket), clock().toISOString());
    const account = accountId ? await accounts.findAccountById(accountId) : undefined;
    if (!account || account.disabledAt) throw new FhirError('unauthenticated', 'Your sign-in has timed out. Sign in again with your email address and password.');
    return account;
  };

  return {
    async status(account) {
      const factor = await accounts.findSecondFactor(account.id);
      return { enabled: Boolean(factor?.confirmedAt), required: isRequired(account), recoveryCodesLeft: factor?.confirmedAt ? await accounts.countRecoveryCodes(account.id) : 0 };
    },

    async atSignIn(account) {
      const factor = await accounts.findSecondFactor(account.id);
      const need = factor?.confirmedAt ? 'code' : isRequired(account) ? 'setup' : undefined;
      if (!need) return undefined;
      const ticket = newCode();
      await accounts.createSignInTicket(codeHash(ticket), account.id, clock().toISOString(), new Date(now() + ticketSeconds * 1000).toISOString());
      return { need, ticket, expiresIn: ticketSeconds };
    },

    startSetup: setup,
    startSetupWithTicket: async (ticket) => setup(await accountOfTicket(ticket)),

    async confirmSetup(account, code, address) {
      return guarded(account, address, () => confirm(account, code));
    },

    async completeSignIn(ticket, code, address) {
      const account = await accountOfTicket(ticket);
      const factor = await accounts.findSecondFactor(account.id);
      const settingUp = !factor?.confirmedAt;
      if (settingUp && !isRequired(account)) throw new FhirError('unauthenticated', 'Your sign-in has timed out. Sign in again with your email address and password.');
      const recoveryCodes = settingUp ? await guarded(account, address, () => confirm(account, code)) : undefined;
      if (!settingUp) await guarded(account, address, () => codeIsRight(account.id, code, true));
      // The ticket is used once: a second right code racing the first gets no second session.
      if (!(await accounts.useSignInTicket(codeHash(ticket), clock().toISOString()))) throw new FhirError('unauthenticated', 'Your sign-in has timed out. Sign in again with your email address and password.');
      return { account, ...(recoveryCodes ? { recoveryCodes } : {}) };
    },

    async checkCode(account, code, address) {
      await guarded(account, address, () => codeIsRight(account.id, code, true));
    },

    async remove(account, password, code, address) {
      if (isRequired(account)) throw new FhirError('forbidden', 'Your account must use an authenticator app, so it cannot be turned off. You can set up a new one instead.');
      const passwordKeys: ThrottleKey[] = [{ kind: 'account', id: account.email }, { kind: 'address', id: address }];
      const wait = await throttle.wait(passwordKeys, now());
      if (wait > 0) throw new TooManyAttempts(wait);
      if (!(await verifyPassword(password, account.passwordHash))) {
        await throttle.fail(passwordKeys, now());
        throw fieldError('invalid', 'password', 'Your password is not right.');
      }
      await guarded(account, address, () => codeIsRight(account.id, code, true));
      await accounts.removeSecondFactor(account.id);
      logger.info({ accountId: account.id }, 'second factor turned off');
    },
  };
}
