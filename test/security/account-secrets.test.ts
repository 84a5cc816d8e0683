import request from 'supertest';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/auth/totp.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { waitForEmails } from '../sharing/mail-harness.ts';
import { sqlOn } from '../account/db-access.ts';

/**
 * The account basics hand out secrets (emailed link codes, authenticator keys, recovery codes, sign-in
 * tickets): none of them, and no email address or password, may reach the log or sit in the database
 * as written. Also: the reset page's link never reaches a log, as a path or otherwise.
 */
describe('account secrets stay out of the logs and are stored only as hashes or sealed', () => {
  const lines: string[] = [];
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', {}, { logger: pino({ level: 'trace' }, { write: (line: string) => lines.push(line) }) });
  });
  afterAll(async () => svc?.stop());

  it('reset, email change, second factor and closing leave no secret behind', async () => {
    const doris = await signUp(svc.url, 'Doris', 'Evans');
    const secrets: string[] = [doris.email, doris.password];
    await request(svc.url).post('/auth/password-reset').send({ email: doris.email }).expect(202);
    const [mail] = await waitForEmails(svc, [doris.email], /Reset your/);
    const code = new URL(/(http\S+\/reset-password\?token=\S+)/.exec(mail!.text)![1]!).searchParams.get('token')!;
    secrets.push(code);
    // The page itself: its address carries the code, which the request log must not keep. (Whether the page
    // is built yet does not matter here: service tests run before the browser tests build web/dist.)
    const page = await request(svc.url).get(`/reset-password?token=${encodeURIComponent(code)}`);
    expect([200, 503]).toContain(page.status);
    await request(svc.url).post('/auth/password-reset/confirm').send({ token: code, newPassword: 'a second long pass phrase' }).expect(204);
    secrets.push('a second long pass phrase');
    const login = await request(svc.url).post('/auth/login').send({ email: doris.email, password: 'a second long pass phrase' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.access_token}` };
    const newEmail = `doris.moved.${Date.now()}@example.org`;
    secrets.push(newEmail);
    await request(svc.url).post('/auth/email').set(auth).send({ password: 'a second long pass phrase', newEmail }).expect(202);
    const { secret } = (await request(svc.url).post('/auth/second-factor/setup').set(auth).expect(200)).body;
    secrets.push(secret);
    const recovery = (await request(svc.url).post('/auth/second-factor/confirm').set(auth).send({ code: totpAt(secret, new Date()) }).expect(200)).body.recovery_codes as string[];
    secrets.push(...recovery, ...recovery.map((c) => c.replace('-', '')));
    const ticket = (await request(svc.url).post('/auth/login').send({ email: doris.email, password: 'a second long pass phrase' }).expect(202)).body.ticket as string;
    secrets.push(ticket);

    const stored = JSON.stringify(await Promise.all(['account_tokens', 'second_factors', 'recovery_codes', 'sign_in_tickets'].map(async (t) => (await sqlOn(svc)).all(`SELECT * FROM ${t}`))));
    for (const s of [code, secret, ticket, ...recovery.map((c) => c.replace('-', ''))]) expect(stored).not.toContain(s);

    await request(svc.url).post('/auth/close').set(auth).send({ password: 'a second long pass phrase', code: recovery[0], confirm: true }).expect(204);
    const log = lines.join('\n');
    expect(log).toMatch(/account and record deleted/);
    for (const s of secrets) expect(log).not.toContain(s);
  });
});
