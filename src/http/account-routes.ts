import type { Response, Router } from 'express';
import { createAccountClosure } from '../auth/account-closure.ts';
import { closeSchema, codeSchema, detailsSchema, emailChangeSchema, linkSchema, removeSecondFactorSchema, resetRequestSchema, resetSchema } from '../auth/account-input.ts';
import { createAccountLinks, type AccountLinks } from '../auth/account-links.ts';
import type { SignInThrottle } from '../auth/login-throttle.ts';
import type { SecondFactors } from '../auth/second-factor.ts';
import { createYourDetails } from '../auth/your-details.ts';
import type { Config } from '../config.ts';
import { FhirError } from '../fhir/errors.ts';
import { parseInput } from '../fhir/parse-input.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import { clientAddress, requireSignedIn, withRetryAfter } from './auth-helpers.ts';

export interface AccountRouteDeps {
  accounts: AccountStore;
  record: HealthRecord;
  /** Every rid her cards may carry, under every key: revoked when she closes her account. */
  revocationsOf(patientId: string): Promise<Array<{ kid: string; rid: string }>>;
  config: Config;
  clock: () => Date;
  logger: Logger;
  throttle: SignInThrottle;
  secondFactors: SecondFactors;
  /** Wakes the outbox so an email goes now. */
  onMailQueued?: () => void;
  clearSession(res: Response): void;
}

/**
 * The account pages' API under /auth (README "Your account"): forgotten password, email change,
 * name/date of birth/NHS number, second factor, closing the account. Thin: each route parses its
 * input and calls one service.
 */
export function addAccountRoutes(router: Router, deps: AccountRouteDeps): Pick<AccountLinks, 'tellPasswordChanged'> {
  const { accounts, config, clock, logger, throttle, secondFactors } = deps;
  const mail = { publicUrl: config.publicUrl, serviceName: config.serviceName, ...(deps.onMailQueued ? { onQueued: deps.onMailQueued } : {}) };
  const links = createAccountLinks({ accounts, throttle, clock, logger, ...mail });
  const details = createYourDetails({ record: deps.record, accounts, logger });
  const closure = createAccountClosure({ accounts, throttle, secondFactors, revocationsOf: deps.revocationsOf, clock, logger, ...mail });
  const detailsInput = detailsSchema(clock);
  const accountOf = async (res: Response) => {
    const account = await accounts.findAccountById(requireSignedIn(res).actor.accountId);
    if (!account) throw new FhirError('unauthenticated', 'Please sign in first.');
    return account;
  };
  /** The same answer whether or not the email has an account. */
  const resetAsked = { message: 'If there is an account with this email address, we have sent it a link to reset the password. The link works for 1 hour.' };

  router.post('/password-reset', async (req, res) => {
    const { email } = parseInput(resetRequestSchema, req.body);
    await withRetryAfter(res, links.askForPasswordReset(email, clientAddress(req)));
    res.status(202).json(resetAsked);
  });

  router.post('/password-reset/confirm', async (req, res) => {
    const { token, newPassword } = parseInput(resetSchema, req.body);
    await withRetryAfter(res, links.resetPassword(token, newPassword, clientAddress(req)));
    res.status(204).end();
  });

  router.post('/email', async (req, res) => {
    const { password, newEmail } = parseInput(emailChangeSchema, req.body);
    await withRetryAfter(res, links.askForEmailChange(requireSignedIn(res), password, newEmail, clientAddress(req)));
    res.status(202).json({ message: 'We have sent a link to your new email address. Open it to confirm the change.' });
  });

  router.post('/email/confirm', async (req, res) => {
    const { token } = parseInput(linkSchema, req.body);
    await withRetryAfter(res, links.confirmEmailChange(token, clientAddress(req)));
    res.status(204).end();
  });

  router.get('/details', async (_req, res) => {
    res.json(await details.read(requireSignedIn(res)));
  });

  router.put('/details', async (req, res) => {
    await details.change(requireSignedIn(res), parseInput(detailsInput, req.body));
    res.json(await details.read(requireSignedIn(res)));
  });

  router.get('/second-factor', async (_req, res) => {
    res.json(await secondFactors.status(await accountOf(res)));
  });

  router.post('/second-factor/setup', async (_req, res) => {
    res.json(await secondFactors.startSetup(await accountOf(res)));
  });

  router.post('/second-factor/confirm', async (req, res) => {
    const { code } = parseInput(codeSchema, req.body);
    const recoveryCodes = await withRetryAfter(res, secondFactors.confirmSetup(await accountOf(res), code, clientAddress(req)));
    res.json({ recovery_codes: recoveryCodes });
  });

  router.post('/second-factor/remove', async (req, res) => {
    const { password, code } = parseInput(removeSecondFactorSchema, req.body);
    await withRetryAfter(res, secondFactors.remove(await accountOf(res), password, code, clientAddress(req)));
    res.status(204).end();
  });

  router.post('/close', async (req, res) => {
    const { password, code } = parseInput(closeSchema, req.body);
    await withRetryAfter(res, closure.close(requireSignedIn(res), { password, code }, clientAddress(req)));
    deps.clearSession(res);
    res.status(204).end();
  });

  return { tellPasswordChanged: links.tellPasswordChanged };
}
