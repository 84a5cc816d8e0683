import { randomUUID } from 'node:crypto';
import { FhirError } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { AccountStore } from '../store/port.ts';
import type { AccountTokenPurpose } from '../store/port.ts';
import { confirmEmailChangeEmail, emailChangeAskedEmail, passwordChangedEmail, resetPasswordEmail, type AccountEmail } from './account-emails.ts';
import { TooManyAttempts, type SignInThrottle, type ThrottleKey } from './login-throttle.ts';
import { codeHash, newCode } from './one-time-codes.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { SignedIn } from './sessions.ts';
import { fieldError } from './field-error.ts';

/** How long an emailed link works. */
export const resetLinkMinutes = 60;
export const emailLinkMinutes = 24 * 60;

export interface AccountLinks {
  /** Always resolves the same way whether or not the email has an account (throttled per email and per address). */
  askForPasswordReset(email: string, address: string): Promise<void>;
  /** Uses the link once: the new password is set and every session of the account ends. */
  resetPassword(code: string, newPassword: string, address: string): Promise<void>;
  /** Checks her password, then emails a link to the new address (and a warning to the old one). */
  askForEmailChange(signedIn: SignedIn, password: string, newEmail: string, address: string): Promise<void>;
  /** Uses the link once: she signs in with the new address from now on. */
  confirmEmailChange(code: string, address: string): Promise<void>;
  /** Tells her by email that her password was changed (after the change-password page). */
  tellPasswordChanged(accountId: string): Promise<void>;
}

export interface AccountLinksDeps {
  accounts: AccountStore;
  throttle: SignInThrottle;
  clock: () => Date;
  logger: Logger;
  publicUrl: string;
  serviceName: string;
  /** Wakes the outbox so the email goes now, not at the next round. */
  onQueued?: () => void;
}

const badLink = (): FhirError =>
  fieldError('invalid', 'token', 'This link has expired or has already been used. Ask for a new one.');

/**
 * "Forgot your password?" and "change your email address": both by a one-time link in an email sent
 * through the outbox. The link's code is 32 random bytes; only its SHA-256 is stored, looked up by
 * primary key (a guess's hash matches nothing, so timing tells nothing), and it is used in one
 * statement that also checks it is unused and unexpired.
 */
export function createAccountLinks(deps: AccountLinksDeps): AccountLinks {
  const { accounts, throttle, clock, logger } = deps;
  const now = (): number => clock().getTime();

  const checkThrottle = async (keys: ThrottleKey[], what: 'reset' | 'sign-in'): Promise<void> => {
    const wait = await throttle.wait(keys, now());
    if (wait > 0) throw new TooManyAttempts(wait, what);
  };

  const queue = async (recipient: string, noticeKey: string, email: AccountEmail): Promise<void> => {
    const at = clock().toISOString();
    await accounts.enqueueMessages([{ id: randomUUID(), noticeKey, recipient, subject: email.subject, body: email.body, createdAt: at, nextAttemptAt: at }]);
    deps.onQueued?.();
  };

  const makeLink = async (accountId: string, purpose: AccountTokenPurpose, minutes: number, page: string, newEmail?: string): Promise<string> => {
    const code = newCode();
    const created = clock();
    await accounts.createAccountToken({
      tokenHash: codeHash(code), accountId, purpose, createdAt: created.toISOString(), expiresAt: new Date(created.getTime() + minutes * 60_000).toISOString(), ...(newEmail ? { newEmail } : {}),
    });
    // In the fragment-free query: the page reads it and sends it back; it never reaches a log of ours as a path.
    return `${deps.publicUrl}${page}?token=${encodeURIComponent(code)}`;
  };

  const spendLink = async (code: string, purpose: AccountTokenPurpose, address: string) => {
    const keys: ThrottleKey[] = [{ kind: 'address', id: address }];
    await checkThrottle(keys, 'sign-in');
    const used = await accounts.useAccountToken(codeHash(code), purpose, clock().toISOString());
    if (!used) {
      await throttle.fail(keys, now());
      throw badLink();
    }
    return used;
  };

  return {
    async askForPasswordReset(email, address) {
      const keys: ThrottleKey[] = [{ kind: 'reset', id: email }, { kind: 'address', id: address }];
      await checkThrottle(keys, 'reset');
      // Every asking counts, known email or not, so the limit itself tells nobody whether it exists.
      await throttle.fail(keys, now());
      const account = await accounts.findAccountByEmail(email);
      if (!account || account.disabledAt) {
        logger.info({ known: false }, 'password reset asked');
        return;
      }
      const link = await makeLink(account.id, 'reset-password', resetLinkMinutes, '/reset-password');
      await queue(account.email, `reset-password:${randomUUID()}`, resetPasswordEmail({ serviceName: deps.serviceName, link, minutes: resetLinkMinutes }));
      logger.info({ accountId: account.id }, 'password reset asked');
    },

    async resetPassword(code, newPassword, address) {
      const { accountId } = await spendLink(code, 'reset-password', address);
      const account = await accounts.findAccountById(accountId);
      if (!account || account.disabledAt) throw badLink();
      if (newPassword.toLowerCase() === account.email) throw fieldError('bad-request', 'newPassword', 'Choose a password that is not your email address.');
      await accounts.updatePassword(account.id, await hashPassword(newPassword));
      await accounts.revokeAllSessions(account.id, clock().toISOString());
      // She proved she holds the mailbox: failed sign-ins counted against her account start again.
      await throttle.clear([{ kind: 'account', id: account.email }, { kind: 'reset', id: account.email }]);
      await queue(account.email, `password-changed:${randomUUID()}`, passwordChangedEmail({ serviceName: deps.serviceName }));
      logger.info({ accountId: account.id }, 'password reset from an emailed link; every session ended');
    },

    async askForEmailChange(signedIn, password, newEmail, address) {
      const account = await accounts.findAccountById(signedIn.actor.accountId);
      if (!account) throw new FhirError('unauthenticated', 'Please sign in first.');
      const keys: ThrottleKey[] = [{ kind: 'account', id: account.email }, { kind: 'address', id: address }];
      await checkThrottle(keys, 'sign-in');
      if (!(await verifyPassword(password, account.passwordHash))) {
        await throttle.fail(keys, now());
        throw fieldError('invalid', 'password', 'Your password is not right.');
      }
      if (newEmail === account.email) throw fieldError('bad-request', 'newEmail', 'This is already your email address. Enter a different one.');
      // Whether the new address has an account is told only when the link is opened, by its owner.
      const link = await makeLink(account.id, 'change-email', emailLinkMinutes, '/account/email/confirm', newEmail);
      await queue(newEmail, `change-email:${randomUUID()}`, confirmEmailChangeEmail({ serviceName: deps.serviceName, link, minutes: emailLinkMinutes }));
      await queue(account.email, `change-email-asked:${randomUUID()}`, emailChangeAskedEmail({ serviceName: deps.serviceName }));
      logger.info({ accountId: account.id }, 'email change asked');
    },

    async confirmEmailChange(code, address) {
      const { accountId, newEmail } = await spendLink(code, 'change-email', address);
      if (!newEmail) throw badLink();
      await accounts.updateEmail(accountId, newEmail).catch((err: unknown) => {
        if (err instanceof FhirError && err.code === 'conflict') throw fieldError('conflict', 'token', 'There is already an account with this email address, so it cannot be used for yours.');
        throw err;
      });
      logger.info({ accountId }, 'email changed');
    },

    async tellPasswordChanged(accountId) {
      const account = await accounts.findAccountById(accountId);
      if (account) await queue(account.email, `password-changed:${randomUUID()}`, passwordChangedEmail({ serviceName: deps.serviceName }));
    },
  };
}
