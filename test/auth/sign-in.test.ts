import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { systemActor } from '../../src/access/system-actor.ts';

describe('signing up, in and out', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', { TOKEN_TTL_SECONDS: '30' });
  });
  afterAll(async () => svc?.stop());
  const api = () => request(svc.url);

  it('two sign-ups racing for one email: one account, and no Patient left without one', async () => {
    const email = `race.${Date.now()}@example.org`;
    const attempt = (given: string) => api().post('/auth/register').send({ email, password: 'a race to the finish line', name: { given, family: 'Racer' }, birthDate: '1960-01-01' });
    const answers = await Promise.all([attempt('First'), attempt('Second'), attempt('Third')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const live = await svc.service.record.search(systemActor('test: count Patients'), 'Patient', { family: 'Racer' });
    expect(live.matches.map((m) => m.id)).toEqual([String(answers.find((a) => a.status === 201)!.body.patient).replace('Patient/', '')]);
  });

  it('registers a person with a Patient of her own, and signs her in with a token and a cookie', async () => {
    const email = 'rina.shah@example.org';
    const registered = await api().post('/auth/register').send({ email, password: 'all in one place please', name: { given: 'Rina', family: 'Shah' }, birthDate: '1966-04-12' }).expect(201);
    expect(registered.body.patient).toMatch(/^Patient\/[0-9a-f-]{36}$/);
    const login = await api().post('/auth/login').send({ email: 'Rina.Shah@example.org', password: 'all in one place please' }).expect(200);
    expect(login.body).toMatchObject({ token_type: 'Bearer', expires_in: 30, patient: registered.body.patient });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/redbag_session=.+HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const patient = await api().get(`/fhir/${registered.body.patient}`).set('Authorization', `Bearer ${login.body.access_token}`).expect(200);
    expect(patient.body.name[0].family).toBe('Shah');
    expect(patient.body.birthDate).toBe('1966-04-12');
    const viaCookie = await api().get('/auth/me').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(viaCookie.body.email).toBe(email);
  });

  it('signing out ends the cookie and every token of that session at once', async () => {
    const person = await signUp(svc.url, 'Doris', 'Bell');
    const login = await api().post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const bearer = { Authorization: `Bearer ${login.body.access_token}` };
    await api().get('/fhir/Condition').set(bearer).expect(200);
    await api().post('/auth/logout').set('Cookie', cookie).expect(204);
    await api().get('/fhir/Condition').set(bearer).expect(401);
    await api().get('/auth/me').set('Cookie', cookie).expect(401);
    // The other session (from signUp) is untouched.
    await api().get('/fhir/Condition').set(person.auth).expect(200);
  });

  it('a wrong password and an unknown email get the same answer', async () => {
    const person = await signUp(svc.url, 'Clare', 'Hughes');
    const wrong = await api().post('/auth/login').send({ email: person.email, password: 'not the password at all' }).expect(401);
    const unknown = await api().post('/auth/login').send({ email: 'nobody@example.org', password: 'not the password at all' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.resourceType).toBe('OperationOutcome');
  });

  it('slows down guessing: after six wrong passwords in a row the next try waits a second (not a 15-minute lock)', async () => {
    const person = await signUp(svc.url, 'Russell', 'Grant');
    for (let i = 0; i < 6; i++) await api().post('/auth/login').send({ email: person.email, password: `guess number ${i}` }).expect(401);
    const blocked = await api().post('/auth/login').send({ email: person.email, password: person.password }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBe(1);
    expect(blocked.body.issue[0].details.text).toMatch(/Too many attempts/);
  });

  it('changing the password signs out the other sessions and the old password stops working', async () => {
    const person = await signUp(svc.url, 'Scott', 'Reid');
    const other = await api().post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    await api().post('/auth/password').set(person.auth).send({ currentPassword: person.password, newPassword: 'a brand new pass phrase' }).expect(204);
    await api().get('/fhir/Condition').set('Authorization', `Bearer ${other.body.access_token}`).expect(401);
    await api().get('/fhir/Condition').set(person.auth).expect(200);
    await api().post('/auth/login').send({ email: person.email, password: person.password }).expect(401);
    await api().post('/auth/login').send({ email: person.email, password: 'a brand new pass phrase' }).expect(200);
  });

  it('refuses a duplicate email, and bad fields with the field named', async () => {
    const person = await signUp(svc.url, 'Betty', 'Owusu');
    const duplicate = await api().post('/auth/register').send({ email: person.email, password: 'another long password', name: { given: 'B', family: 'O' }, birthDate: '1950-01-01' }).expect(409);
    expect(duplicate.body.issue[0].details.text).toMatch(/already an account with this email address/);
    const bad = await api().post('/auth/register').send({ email: 'not-an-email', password: 'short', name: { given: '', family: 'O' }, birthDate: '2999-01-01' }).expect(400);
    const fields = bad.body.issue.map((i: { expression: string[] }) => i.expression[0]);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'name.given', 'birthDate']));
  });

  it('refuses a cookie-signed change coming from another website', async () => {
    const person = await signUp(svc.url, 'John', 'Baker');
    const login = await api().post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await api()
      .post('/fhir/Goal')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'application/fhir+json')
      .send({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'x' }, subject: { reference: `Patient/${person.patientId}` } })
      .expect(403);
  });

  it('answers /healthz when ready', async () => {
    expect((await api().get('/healthz').expect(200)).body.status).toBe('ok');
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let svc: RunningService;
  afterAll(async () => svc?.stop());

  it('throttles each caller’s own address, not the proxy’s, once the proxy is trusted', async () => {
    svc = await startService('sqlite', { TRUST_PROXY: 'loopback' });
    const guess = (from: string, n: number) => request(svc.url).post('/auth/login').set('X-Forwarded-For', from).send({ email: `nobody.${n}@example.org`, password: 'not the password at all' });
    for (let n = 0; n < 31; n++) await guess('203.0.113.7', n).expect(401);
    await guess('203.0.113.7', 31).expect(429); // one address trying many accounts waits
    await guess('198.51.100.4', 32).expect(401); // someone else behind the same proxy does not
  });
});
