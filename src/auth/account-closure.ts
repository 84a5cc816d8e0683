import { randomUUID } from 'node:crypto';
import { FhirError } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { AccountStore } from '../store/port.ts';
import { accountClosedEmail } from './account-emails.ts';
import { fieldError } from './field-error.ts';
import { TooManyAttempts, type SignInThrottle, type ThrottleKey } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import type { SecondFactors } from './second-factor.ts';
import type { SignedIn } from './sessions.ts';

/**
 * Closing her account: she says so with her password (and her authenticator code if she has one),
 * then her record and her account are deleted in ONE database transaction (closure-sql.ts): shares
 * (Consents in her record), links, cards (put on the revocation lists in that same transaction),
 * carer arrangements and sessions stop at once, and nothing is left half deleted. The AuditEvents
 * of her record (who saw what) are kept; README "Closing an account" says for how long.
 */
export function createAccountClosure(deps: {
  accounts: AccountStore;
  throttle: SignInThrottle;
  secondFactors: Pick<SecondFactors, 'status' | 'checkCode'>;
  /** Every rid her cards may carry, under every signing key (retired ones too). */
  revocationsOf(patientId: string): Promise<Array<{ kid: string; rid: string }>>;
  clock: () => Date;
  logger: Logger;
  serviceName: string;
  onQueued?: () => void;
}) {
  const { accounts, throttle, clock, logger } = deps;
  return {
    async close(signedIn: SignedIn, input: { password: string; code?: string | undefined }, address: string): Promise<void> {
      if (signedIn.actor.kind !== 'person') throw new FhirError('forbidden', 'Only a person can close her own account here. A professional’s account is closed by an administrator.');
      const account = await accounts.findAccountById(signedIn.actor.accountId);
      if (!account) throw new FhirError('unauthenticated', 'Please sign in first.');
      const keys: ThrottleKey[] = [{ kind: 'account', id: account.email }, { kind: 'address', id: address }];
      const wait = await throttle.wait(keys, clock().getTime());
      if (wait > 0) throw new TooManyAttempts(wait);
      if (!(await verifyPassword(input.password, account.passwordHash))) {
        await throttle.fail(keys, clock().getTime());
        throw fieldError('invalid', 'password', 'Your password is not right.');
      }
      if ((await deps.secondFactors.status(account)).enabled) {
        if (!input.code) throw fieldError('invalid', 'code', 'Enter the 6-digit code your authenticator app shows now.');
        await deps.secondFactors.checkCode(account, input.code, address);
      }
      const at = new Date((Math.floor(clock().getTime() / 1000) + 1) * 1000).toISOString(); // a card signed this second is revoked too
      const words = accountClosedEmail({ serviceName: deps.serviceName });
      await accounts.closeAccountAndRecord({
        accountId: account.id,
        patientId: account.patientId,
        at,
        revocations: await deps.revocationsOf(account.patientId),
        farewell: { id: randomUUID(), noticeKey: `account-closed:${account.id}`, recipient: account.email, subject: words.subject, body: words.body, queuedAt: clock().toISOString() },
      });
      deps.onQueued?.();
      logger.info({ accountId: account.id, patientId: account.patientId }, 'account and record deleted at the person’s request');
    },
  };
}
