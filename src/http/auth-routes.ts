import { Router, type Response } from 'express';
import type { Patient } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { createLoginThrottle, type LoginThrottle } from '../auth/login-throttle.ts';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { sessionCookie, type SessionService } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import { FhirError } from '../fhir/errors.ts';
import type { AccountStore } from '../store/accounts/account-store.ts';
import { parseBody } from './parse-body.ts';

/** Pass phrases people pick first; refused outright (NCSC: block the most common, no composition rules). */
const commonPasswords = new Set(['password12', 'password123', '1234567890', 'qwertyuiop', '123456789a', 'iloveyou12', 'password1234', 'letmein123', 'welcome123', 'passw0rd12']);

const password = z
  .string()
  .min(10, 'Use at least 10 characters: three random words work well.')
  .max(200, 'Use 200 characters or fewer.')
  .refine((p) => !commonPasswords.has(p.toLowerCase()), 'This password is too common. Choose something harder to guess.');

const registration = z.object({
  email: z.email('Enter an email address like name@example.com.').max(254),
  password,
  name: z.object({
    given: z.string().trim().min(1, 'Enter your first name.').max(100),
    family: z.string().trim().min(1, 'Enter your last name.').max(100),
  }),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter your date of birth as year-month-day, for example 1945-03-02.')
    .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), 'Enter a real date of birth.')
    .refine((d) => d >= '1900-01-01' && new Date(d) <= new Date(), 'The date of birth must be in the past.'),
});

const credentials = z.object({ email: z.string().max(254), password: z.string().max(200) });
const passwordChange = z.object({ currentPassword: z.string().max(200), newPassword: password });

export interface AuthRouterDeps {
  accounts: AccountStore;
  sessions: SessionService;
  /** The record layer creates the Patient; sign-up never writes FHIR itself. */
  createPatient: (patient: Patient) => Promise<string>;
  config: Config;
  clock: () => Date;
  throttle?: LoginThrottle;
}

export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { accounts, sessions, config, clock } = deps;
  const throttle = deps.throttle ?? createLoginThrottle();
  const router = Router();
  const secureCookie = config.publicUrl.startsWith('https://');
  const setCookie = (res: Response, value: string, maxAgeSeconds: number): void => {
    res.cookie(sessionCookie, value, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/', maxAge: maxAgeSeconds * 1000 });
  };

  router.post('/register', async (req, res) => {
    const input = parseBody(registration, req.body);
    if (await accounts.findAccountByEmail(input.email)) {
      throw new FhirError('conflict', 'An account with this email address already exists. Try signing in instead.');
    }
    const patientId = await deps.createPatient({
      resourceType: 'Patient',
      name: [{ use: 'official', given: [input.name.given], family: input.name.family }],
      birthDate: input.birthDate,
      telecom: [{ system: 'email', value: input.email }],
    });
    await accounts.createAccount({ email: input.email, passwordHash: await hashPassword(input.password), patientId });
    res.status(201).json({ patient: `Patient/${patientId}` });
  });

  router.post('/login', async (req, res) => {
    const { email, password: given } = parseBody(credentials, req.body);
    const account = email.toLowerCase();
    const address = req.ip ?? 'unknown';
    const wait = throttle.retryAfter(account, address, clock().getTime());
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new FhirError('too-many-requests', `Too many attempts to sign in. Please wait ${Math.ceil(wait / 60)} minutes and try again.`);
    }
    const found = await accounts.findAccountByEmail(account);
    const ok = found ? await verifyPassword(given, found.passwordHash) : (await verifyPassword(given, await decoyHash()), false);
    if (!found || !ok) {
      throttle.recordFailure(account, address, clock().getTime());
      throw new FhirError('unauthenticated', 'The email address or password is not right. Check them and try again.');
    }
    throttle.recordSuccess(account);
    const session = await sessions.start(found);
    setCookie(res, session.cookieSecret, config.sessionTtlSeconds);
    res.json({ access_token: session.accessToken, token_type: 'Bearer', expires_in: session.expiresIn, patient: `Patient/${found.patientId}` });
  });

  router.post('/logout', async (_req, res) => {
    const sessionId = res.locals.sessionId as string | undefined;
    if (sessionId) await sessions.end(sessionId);
    res.clearCookie(sessionCookie, { path: '/' });
    res.status(204).end();
  });

  router.post('/password', async (req, res) => {
    const actor = person(res);
    const input = parseBody(passwordChange, req.body);
    const account = await accounts.findAccountById(actor.accountId);
    if (!account || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
      throw new FhirError('invalid', 'Your current password is not right.', [
        { severity: 'error', code: 'invalid', expression: ['currentPassword'], details: { text: 'Your current password is not right.' } },
      ]);
    }
    await accounts.updatePassword(account.id, await hashPassword(input.newPassword));
    await accounts.revokeOtherSessions(account.id, res.locals.sessionId as string, clock().toISOString());
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    const actor = person(res);
    const account = await accounts.findAccountById(actor.accountId);
    if (!account) throw new FhirError('unauthenticated', 'Please sign in first.');
    res.json({ patient: `Patient/${actor.patientId}`, email: account.email });
  });

  return router;
}

function person(res: Response): Extract<Actor, { kind: 'person' }> {
  const actor = res.locals.actor as Actor;
  if (actor.kind !== 'person') throw new FhirError('unauthenticated', 'Please sign in first.');
  return actor;
}
