import { Router, type Response } from 'express';
import type { Patient } from '@medplum/fhirtypes';
import { createAccountService, whoIs, type SignedInAnswer } from '../auth/account-service.ts';
import { secondStepSchema, ticketSchema } from '../auth/account-input.ts';
import { createSecondFactors } from '../auth/second-factor.ts';
import { addAccountRoutes, type AccountRouteDeps } from './account-routes.ts';
import { clientAddress, requireSignedIn, withRetryAfter } from './auth-helpers.ts';
import { credentialsSchema, passwordChangeSchema, registrationSchema } from '../auth/auth-input.ts';
import { parseInput } from '../fhir/parse-input.ts';
import { createSignInThrottle, type SignInThrottle } from '../auth/login-throttle.ts';
import { createDeviceCookies, deviceCookieSeconds } from '../auth/device-cookie.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { createSessionService, sessionCookieName, type SessionService } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { AccountStore } from '../store/port.ts';
import { readCookie, signedInOf } from './authenticate.ts';

export interface AuthRouterDeps {
  accounts: AccountStore;
  /** Keys for the device cookie and the throttle's row names (made from SECRET_KEY), and the token keys. */
  keyring: Keyring;
  /** The record layer creates the Patient (through its access and validation rules), inside the sign-up's transaction; returns the id. */
  createPatient: (patient: Patient) => Promise<string>;
  config: Config;
  clock: () => Date;
  /** Sign-in events (ids only). */
  logger: Logger;
  /** The same service authenticate() uses; made from `accounts` when absent (sessions live in the store, so either works). */
  sessions?: SessionService;
  /** Made from `accounts` and config.signInLimits when absent. */
  throttle?: SignInThrottle;
  /** The account pages' parts that reach beyond accounts: her record (details), her cards (closing). */
  account?: Omit<AccountRouteDeps, 'accounts' | 'config' | 'clock' | 'logger' | 'throttle' | 'secondFactors' | 'clearSession'>;
}

/**
 * /auth: sign-up, sign-in (a bearer token and a session cookie), sign-out, password change and
 * "who am I". Expects express.json() to have parsed the body and authenticate() to have run.
 */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { accounts, keyring, config, clock } = deps;
  const sessions = deps.sessions ?? createSessionService({ accounts, keyring, clock, tokenTtlSeconds: config.tokenTtlSeconds, sessionTtlSeconds: config.sessionTtlSeconds });
  const devices = createDeviceCookies(keyring.subKey('device cookies'), config.publicUrl);
  const throttle = deps.throttle ?? createSignInThrottle({ store: accounts, limits: config.signInLimits, nameKey: keyring.subKey('throttle row names') });
  const secondFactors = createSecondFactors({ accounts, keyring, throttle, requiredForStaff: config.secondFactorForStaff, serviceName: config.serviceName, clock, logger: deps.logger });
  const service = createAccountService({
    accounts,
    sessions,
    createPatient: deps.createPatient,
    throttle,
    devices,
    clock,
    logger: deps.logger,
    secondFactors,
  });
  const registration = registrationSchema(clock);
  const cookieName = sessionCookieName(config.publicUrl);
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https://'), path: '/' } as const;

  const router = Router();
  // Tokens and account details must not be kept by browsers or proxies (RFC 6749 §5.1).
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  const accountPages = deps.account
    ? addAccountRoutes(router, { ...deps.account, accounts, config, clock, logger: deps.logger, throttle, secondFactors, clearSession: (res) => res.clearCookie(cookieName, cookieOptions) })
    : undefined;

  router.post('/register', async (req, res) => {
    const input = parseInput(registration, req.body);
    const { patientId } = await withRetryAfter(res, service.register(input, clientAddress(req)));
    res.status(201).json({ patient: `Patient/${patientId}` });
  });

  const answerSignedIn = (res: Response, session: SignedInAnswer, extra: Record<string, unknown> = {}): void => {
    res.cookie(cookieName, session.cookieSecret, { ...cookieOptions, maxAge: config.sessionTtlSeconds * 1000 });
    // Kept after sign-out on purpose: it says "the owner has signed in here before", nothing more.
    if (session.newDeviceCookie) res.cookie(devices.name, session.newDeviceCookie, { ...cookieOptions, maxAge: deviceCookieSeconds * 1000 });
    const { kind: _kind, ...who } = whoIs(session.account);
    res.json({ access_token: session.accessToken, token_type: 'Bearer', expires_in: session.expiresIn, ...who, ...extra });
  };

  router.post('/login', async (req, res) => {
    const { email, password } = parseInput(credentialsSchema, req.body);
    const answer = await withRetryAfter(res, service.signIn(email, password, clientAddress(req), readCookie(req, devices.name)));
    if ('need' in answer) {
      // The password was right, but it is not enough: 202, and no token until the code (README "Second factor").
      res.status(202).json({ second_factor: answer.need === 'code' ? 'required' : 'setup-required', ticket: answer.ticket, expires_in: answer.expiresIn });
      return;
    }
    answerSignedIn(res, answer);
  });

  router.post('/login/second-factor', async (req, res) => {
    const { ticket, code } = parseInput(secondStepSchema, req.body);
    const done = await withRetryAfter(res, secondFactors.completeSignIn(ticket, code, clientAddress(req)));
    const session = await service.finishSignIn(done.account, readCookie(req, devices.name));
    answerSignedIn(res, session, done.recoveryCodes ? { recovery_codes: done.recoveryCodes } : {});
  });

  router.post('/login/second-factor/setup', async (req, res) => {
    const { ticket } = parseInput(ticketSchema, req.body);
    res.json(await secondFactors.startSetupWithTicket(ticket));
  });

  router.post('/logout', async (_req, res) => {
    const signedIn = signedInOf(res);
    if (signedIn) await service.signOut(signedIn);
    res.clearCookie(cookieName, cookieOptions);
    res.status(204).end();
  });

  router.post('/password', async (req, res) => {
    const signedIn = requireSignedIn(res);
    const input = parseInput(passwordChangeSchema, req.body);
    await withRetryAfter(res, service.changePassword(signedIn, input.currentPassword, input.newPassword, clientAddress(req)));
    await accountPages?.tellPasswordChanged(signedIn.actor.accountId);
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    res.json(await service.profile(requireSignedIn(res).actor.accountId));
  });

  return router;
}
