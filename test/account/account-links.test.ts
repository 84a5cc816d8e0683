import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeHash } from '../../src/auth/one-time-codes.ts';
import { describeOnStore, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { emailsWritten, waitForEmails } from '../sharing/mail-harness.ts';
import { sqlOn } from './db-access.ts';

const pgUp = await postgresReachable();
const linkIn = (text: string, page: string): string => {
  const found = new RegExp(`(https?://\\S+${page}\\?token=[\\w%-]+)`).exec(text)?.[1];
  if (!found) throw new Error(`no ${page} link in: ${text}`);
  return found;
};
const tokenOf = (link: string): string => new URL(link).searchParams.get('token')!;

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describeOnStore(kind, pgUp, `forgotten password and email change by an emailed link (${kind})`, () => {
    let svc: RunningService;
    beforeAll(async () => {
      svc = await startService(kind);
    });
    afterAll(async () => svc?.stop());

    it('"Forgot your password?": the same answer for any email; the link works once and ends every session', async () => {
      const aisha = await signUp(svc.url, 'Aisha', 'Khan');
      const known = await request(svc.url).post('/auth/password-reset').send({ email: aisha.email.toUpperCase() }).expect(202);
      const unknown = await request(svc.url).post('/auth/password-reset').send({ email: `nobody.${Date.now()}@example.org` }).expect(202);
      expect(unknown.body).toEqual(known.body);
      expect(known.body.message).toMatch(/If there is an account with this email address/);

      const [mail] = await waitForEmails(svc, [aisha.email], /Reset your Red Bag password/);
      const link = linkIn(mail!.text, '/reset-password');
      expect(link.startsWith(`${svc.url}/reset-password?token=`)).toBe(true);
      // Only a hash is kept: the code in the email is nowhere in the database.
      expect(JSON.stringify(await tableRows(svc, 'account_tokens'))).not.toContain(tokenOf(link));
      expect(JSON.stringify(await tableRows(svc, 'account_tokens'))).toContain(codeHash(tokenOf(link)));
      expect((await emailsWritten(svc)).filter((m) => /nobody\./.test(m.to))).toEqual([]);

      const short = await request(svc.url).post('/auth/password-reset/confirm').send({ token: tokenOf(link), newPassword: 'short' }).expect(400);
      expect(short.body.issue[0].expression).toEqual(['newPassword']);
      await request(svc.url).post('/auth/password-reset/confirm').send({ token: tokenOf(link), newPassword: 'a brand new pass phrase' }).expect(204);
      await request(svc.url).get('/auth/me').set(aisha.auth).expect(401); // the old session ended
      await request(svc.url).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(401);
      await request(svc.url).post('/auth/login').send({ email: aisha.email, password: 'a brand new pass phrase' }).expect(200);
      const again = await request(svc.url).post('/auth/password-reset/confirm').send({ token: tokenOf(link), newPassword: 'yet another pass phrase' }).expect(422);
      expect(again.body.issue[0].details.text).toBe('This link has expired or has already been used. Ask for a new one.');
      await waitForEmails(svc, [aisha.email], /password has been changed/);
    });

    it('an expired link, or one replaced by a newer email, does not work', async () => {
      const andrew = await signUp(svc.url, 'Andrew', 'Jones');
      const account = (await svc.service.stores.accounts.findAccountByEmail(andrew.email))!;
      const past = new Date(Date.now() - 60_000).toISOString();
      await svc.service.stores.accounts.createAccountToken({ tokenHash: codeHash('an-old-code'), accountId: account.id, purpose: 'reset-password', createdAt: past, expiresAt: past });
      await request(svc.url).post('/auth/password-reset/confirm').send({ token: 'an-old-code', newPassword: 'a brand new pass phrase' }).expect(422);
      await request(svc.url).post('/auth/password-reset').send({ email: andrew.email }).expect(202);
      const [first] = await waitForEmails(svc, [andrew.email], /Reset your/);
      await request(svc.url).post('/auth/password-reset').send({ email: andrew.email }).expect(202);
      await until(async () => (await emailsWritten(svc)).filter((m) => m.to === andrew.email && /Reset your/.test(m.subject)).length === 2);
      await request(svc.url).post('/auth/password-reset/confirm').send({ token: tokenOf(linkIn(first!.text, '/reset-password')), newPassword: 'a brand new pass phrase' }).expect(422);
      await request(svc.url).post('/auth/login').send({ email: andrew.email, password: andrew.password }).expect(200);
    });

    it('asking again and again is throttled by email, known or not, with Retry-After', async () => {
      for (const email of [`flood.${Date.now()}@example.org`, (await signUp(svc.url, 'Rina', 'Shah')).email]) {
        const answers: number[] = [];
        for (let i = 0; i < 7; i += 1) answers.push((await request(svc.url).post('/auth/password-reset').send({ email })).status);
        expect(answers.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
        expect(answers.at(-1)).toBe(429);
        const res = await request(svc.url).post('/auth/password-reset').send({ email }).expect(429);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body.issue[0].details.text).toMatch(/^We have sent several emails to reset this password already\. Please wait/);
      }
    });

    it('changing the email: password first, a link to the new address, a warning to the old; then she signs in with the new one', async () => {
      const doris = await signUp(svc.url, 'Doris', 'Evans');
      const wrong = await request(svc.url).post('/auth/email').set(doris.auth).send({ password: 'not my password', newEmail: 'x@example.org' }).expect(422);
      expect(wrong.body.issue[0].expression).toEqual(['password']);
      await request(svc.url).post('/auth/email').send({ password: doris.password, newEmail: 'x@example.org' }).expect(401);
      const newEmail = `doris.new.${Date.now()}@example.org`;
      await request(svc.url).post('/auth/email').set(doris.auth).send({ password: doris.password, newEmail: newEmail.toUpperCase() }).expect(202);
      const [confirm] = await waitForEmails(svc, [newEmail], /Confirm your new email address/);
      const [warning] = await waitForEmails(svc, [doris.email], /email address is being changed/);
      expect(warning!.text).not.toContain('token=');
      await request(svc.url).post('/auth/login').send({ email: newEmail, password: doris.password }).expect(401); // not yet
      await request(svc.url).post('/auth/email/confirm').send({ token: tokenOf(linkIn(confirm!.text, '/account/email/confirm')) }).expect(204);
      await request(svc.url).post('/auth/login').send({ email: doris.email, password: doris.password }).expect(401);
      const login = await request(svc.url).post('/auth/login').send({ email: newEmail, password: doris.password }).expect(200);
      expect((await request(svc.url).get('/auth/me').set({ Authorization: `Bearer ${login.body.access_token}` }).expect(200)).body.email).toBe(newEmail);
      await request(svc.url).post('/auth/email/confirm').send({ token: tokenOf(linkIn(confirm!.text, '/account/email/confirm')) }).expect(422);
    });

    it('an email address that has an account by the time the link is opened is refused, and nothing changes', async () => {
      const one = await signUp(svc.url, 'Russell', 'Evans');
      const other = await signUp(svc.url, 'Betty', 'Evans');
      await request(svc.url).post('/auth/email').set(one.auth).send({ password: one.password, newEmail: other.email }).expect(202);
      const [confirm] = await waitForEmails(svc, [other.email], /Confirm your new email address/);
      const refused = await request(svc.url).post('/auth/email/confirm').send({ token: tokenOf(linkIn(confirm!.text, '/account/email/confirm')) }).expect(409);
      expect(refused.body.issue[0].details.text).toMatch(/already an account with this email address/);
      await request(svc.url).post('/auth/login').send({ email: one.email, password: one.password }).expect(200);
    });
  });
}

async function tableRows(svc: RunningService, table: string): Promise<unknown[]> {
  return (await sqlOn(svc)).all(`SELECT * FROM ${table}`);
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
