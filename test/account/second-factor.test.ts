import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/auth/totp.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { adminEmail, adminEnv, adminPassword } from '../sharing/sharing-harness.ts';
import { sqlOn } from './db-access.ts';

/** A code for the time step after the last one used (an app shows a new one every 30 s; the service takes each once). */
const codeAfter = (secret: string, stepsAhead: number): string => totpAt(secret, new Date(Date.now() + stepsAhead * 30_000));

describe('a second factor: optional for people, required for staff where set', () => {
  let svc: RunningService;
  beforeAll(async () => {
    // A first wait long enough to outlast a sign-in on a busy machine.
    svc = await startService('sqlite', { ...adminEnv, SECOND_FACTOR_FOR_STAFF: 'on', SIGNIN_FIRST_DELAY_SECONDS: '30' });
  });
  afterAll(async () => svc?.stop());

  it('a person turns it on; sign-in then asks for a code (202 and a ticket), a code works once, a recovery code once', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    expect((await request(svc.url).get('/auth/second-factor').set(rina.auth).expect(200)).body).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const setup = await request(svc.url).post('/auth/second-factor/setup').set(rina.auth).expect(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Red%20Bag%3A/);
    expect(setup.body.qrSvg).toMatch(/^<svg/);
    const secret = String(setup.body.secret);
    // The secret is sealed at rest with SECRET_KEY: a copy of the database does not hold it.
    const rows = await (await sqlOn(svc)).all<{ sealed_secret: string }>('SELECT sealed_secret FROM second_factors');
    expect(JSON.stringify(rows)).not.toContain(secret);
    const wrongFirst = await request(svc.url).post('/auth/second-factor/confirm').set(rina.auth).send({ code: '000000' }).expect(422);
    expect(wrongFirst.body.issue[0].expression).toEqual(['code']);
    const confirmed = await request(svc.url).post('/auth/second-factor/confirm').set(rina.auth).send({ code: codeAfter(secret, 0) }).expect(200);
    const recovery = confirmed.body.recovery_codes as string[];
    expect(recovery).toHaveLength(10);
    expect(JSON.stringify(await (await sqlOn(svc)).all('SELECT * FROM recovery_codes'))).not.toContain(recovery[0]!.replace('-', ''));

    const login = await request(svc.url).post('/auth/login').send({ email: rina.email, password: rina.password }).expect(202);
    expect(login.body).toEqual({ second_factor: 'required', ticket: expect.any(String), expires_in: 600 });
    expect(login.headers['set-cookie']).toBeUndefined();
    const { ticket } = login.body;
    const wrong = await request(svc.url).post('/auth/login/second-factor').send({ ticket, code: '123456' }).expect(422);
    expect(wrong.body.issue[0].details.text).toMatch(/^The code is not right/);
    const used = codeAfter(secret, 1);
    const done = await request(svc.url).post('/auth/login/second-factor').send({ ticket, code: used }).expect(200);
    expect(done.body).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer', patient: `Patient/${rina.patientId}` });
    expect(String(done.headers['set-cookie'])).toMatch(/redbag_session=/);
    // The ticket is spent, and the same code again (a replay) is refused even with a fresh ticket.
    await request(svc.url).post('/auth/login/second-factor').send({ ticket, code: used }).expect(401);
    const second = (await request(svc.url).post('/auth/login').send({ email: rina.email, password: rina.password }).expect(202)).body.ticket;
    await request(svc.url).post('/auth/login/second-factor').send({ ticket: second, code: used }).expect(422);
    await request(svc.url).post('/auth/login/second-factor').send({ ticket: second, code: recovery[0]!.toLowerCase() }).expect(200);
    const third = (await request(svc.url).post('/auth/login').send({ email: rina.email, password: rina.password }).expect(202)).body.ticket;
    await request(svc.url).post('/auth/login/second-factor').send({ ticket: third, code: recovery[0] }).expect(422);
    const auth = { Authorization: `Bearer ${done.body.access_token}` };
    expect((await request(svc.url).get('/auth/second-factor').set(auth).expect(200)).body).toEqual({ enabled: true, required: false, recoveryCodesLeft: 9 });

    // Turning it off takes her password and a code (here a recovery code: the app's next code is 30 s away).
    await request(svc.url).post('/auth/second-factor/remove').set(auth).send({ password: 'wrong password here', code: recovery[1] }).expect(422);
    await request(svc.url).post('/auth/second-factor/remove').set(auth).send({ password: rina.password, code: recovery[1] }).expect(204);
    await request(svc.url).post('/auth/login').send({ email: rina.email, password: rina.password }).expect(200);
  });

  it('wrong codes are throttled per account with Retry-After, and a right password does not start the count again', async () => {
    const andrew = await signUp(svc.url, 'Andrew', 'Jones');
    const { secret } = (await request(svc.url).post('/auth/second-factor/setup').set(andrew.auth).expect(200)).body;
    await request(svc.url).post('/auth/second-factor/confirm').set(andrew.auth).send({ code: codeAfter(secret, 0) }).expect(200);
    const ticket = (await request(svc.url).post('/auth/login').send({ email: andrew.email, password: andrew.password }).expect(202)).body.ticket;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await request(svc.url).post('/auth/login/second-factor').send({ ticket, code: '000000' })).status);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses.at(-1)).toBe(429);
    const fresh = (await request(svc.url).post('/auth/login').send({ email: andrew.email, password: andrew.password }).expect(202)).body.ticket;
    const res = await request(svc.url).post('/auth/login/second-factor').send({ ticket: fresh, code: '000000' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.issue[0].details.text).toMatch(/^Too many codes have been tried\. Please wait/);
  });

  it('staff must set one up at sign-in when SECOND_FACTOR_FOR_STAFF is on; people need not', async () => {
    const first = await request(svc.url).post('/auth/login').send({ email: adminEmail, password: adminPassword }).expect(202);
    expect(first.body.second_factor).toBe('setup-required');
    await request(svc.url).get('/admin/organizations').set({ Authorization: `Bearer ${first.body.ticket}` }).expect(401);
    const setup = await request(svc.url).post('/auth/login/second-factor/setup').send({ ticket: first.body.ticket }).expect(200);
    const done = await request(svc.url).post('/auth/login/second-factor').send({ ticket: first.body.ticket, code: codeAfter(setup.body.secret, 0) }).expect(200);
    expect(done.body.recovery_codes).toHaveLength(10);
    const admin = { Authorization: `Bearer ${done.body.access_token}` };
    const status = (await request(svc.url).get('/auth/second-factor').set(admin).expect(200)).body;
    expect(status).toMatchObject({ enabled: true, required: true });
    const refused = await request(svc.url).post('/auth/second-factor/remove').set(admin).send({ password: adminPassword, code: codeAfter(setup.body.secret, 1) }).expect(403);
    expect(refused.body.issue[0].details.text).toMatch(/must use an authenticator app/);
    // From now on a code is asked every time.
    expect((await request(svc.url).post('/auth/login').send({ email: adminEmail, password: adminPassword }).expect(202)).body.second_factor).toBe('required');
    // A person's sign-in keeps its documented answer.
    const aisha = await signUp(svc.url, 'Aisha', 'Khan');
    expect(Object.keys((await request(svc.url).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200)).body).sort()).toEqual(['access_token', 'expires_in', 'patient', 'token_type']);
  });
});

describe('without the setting (the demo mode and development), staff sign in with a password alone', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc?.stop());

  it('the admin gets her token at once, and may still choose a second factor', async () => {
    const login = await request(svc.url).post('/auth/login').send({ email: adminEmail, password: adminPassword }).expect(200);
    const status = await request(svc.url).get('/auth/second-factor').set({ Authorization: `Bearer ${login.body.access_token}` }).expect(200);
    expect(status.body).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
  });
});
