import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import pg from 'pg';
import { createTestSchema, postgresUrl } from '../support/postgres.ts';
import { startService, type RunningService } from '../support/service.ts';
import { expectRefusal, goal, historyTotal, postJson, postSearch, repeated, stores } from './input-harness.ts';

/**
 * Issue 13, finding 4: search input and bodies were unbounded. Each test is one part of the finding
 * and fails on the code before the fix (a 500, a query running for minutes, or a stored key).
 */
describe.each(stores)('search input is bounded (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  beforeAll(async () => {
    svc = await startService(kind);
    aisha = await signUp(svc.url, 'Aisha', 'Khan');
  });
  afterAll(async () => svc?.stop());
  const search = (query: string) => request(svc.url).get(`/fhir/Condition?${query}`).set(aisha.auth);

  it('two hundred repeated search parameters are refused at once with 400, instead of running for minutes', async () => {
    const started = Date.now();
    expectRefusal(await search(repeated('code', 200).join('&')), 400, /at most 50 parameters; this one has 200/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a NUL character in a search value or name answers 400 saying so, not 500 (found by the fuzz test, seed 654665972)', async () => {
    for (const query of ['code=%00', 'code=44054006%00', 'name%00=x', 'subject=Patient/%00']) {
      expectRefusal(await search(query), 400, /NUL character/);
    }
    expectRefusal(await postSearch(svc.url, 'Condition', aisha, 'code=%00'), 400, /NUL character/);
  });

  it('a thousand parameters sent as a POST _search answer 400, not 500', async () => {
    const res = await postSearch(svc.url, 'Condition', aisha, repeated('code', 1_000).join('&'));
    expectRefusal(res, 400, /too long|at most 50 parameters/);
  });

  it('one parameter may have twenty values, by commas or by repeats, and no more', async () => {
    const values = (from: number, n: number) => Array.from({ length: n }, (_, i) => `c${from + i}`).join(',');
    await search(`code=${values(0, 20)}`).expect(200);
    await search(`code=${values(0, 10)}&code=${values(10, 10)}`).expect(200);
    expectRefusal(await search(`code=${values(0, 21)}`), 400, /"code" may have at most 20 values/);
    expectRefusal(await search(`code=${values(0, 11)}&code:not=${values(11, 10)}`), 400, /"code" may have at most 20 values/);
  });

  it('a search longer than 8 KiB is refused with 400 (the URL or a POST _search form)', async () => {
    const long = `name=${'a'.repeat(9_000)}`;
    expectRefusal(await postSearch(svc.url, 'Patient', aisha, long), 400, /too long: its parameters may be at most 8,192 bytes/);
    expectRefusal(await request(svc.url).get(`/fhir/Patient?${long}`).set(aisha.auth), 400, /too long/);
  });

  it('__proto__, constructor and other names of every JavaScript object are unknown parameters (400), never a 500', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__']) {
      expectRefusal(await search(`${name}=1`), 400, new RegExp(`"${name}" is not supported for Condition`));
      expectRefusal(await postSearch(svc.url, 'Condition', aisha, `${name}=1`), 400, /is not supported for Condition/);
    }
    expectRefusal(await search('code:__proto__=1'), 400, /modifier ":__proto__" is not supported/);
    expectRefusal(await search('code:constructor=1'), 400, /modifier ":constructor" is not supported/);
    expectRefusal(await search('_include=Condition:__proto__'), 400, /not something this service can include/);
    expectRefusal(await search('_include=constructor:subject'), 400, /not something this service can include/);
    expectRefusal(await search('_sort=__proto__'), 400, /Cannot sort by "__proto__"/);
    expectRefusal(await request(svc.url).get('/fhir/_history?__proto__=1&_offset=constructor').set(aisha.auth), 400, /_offset must be a whole number/);
  });

  it('a 20-digit _offset answers 400 on search and on history, not 500; 10,000 is the deepest page', async () => {
    const huge = '99999999999999999999';
    expectRefusal(await search(`_offset=${huge}`), 400, /_offset must be a whole number from 0 to 10,000/);
    for (const path of ['/fhir/_history', '/fhir/Condition/_history', `/fhir/Patient/${aisha.patientId}/_history`]) {
      expectRefusal(await request(svc.url).get(`${path}?_offset=${huge}`).set(aisha.auth), 400, /_offset must be a whole number from 0 to 10,000/);
    }
    expectRefusal(await search('_offset=10001'), 400, /_offset/);
    expectRefusal(await search('_offset=-1'), 400, /_offset/);
    await search('_offset=10000').expect(200);
  });

  it('a _count over 500 answers 400 saying the limit, rather than quietly giving fewer', async () => {
    expectRefusal(await search('_count=501'), 400, /_count must be a whole number from 0 to 500/);
    expectRefusal(await search('_count=99999999999999999999'), 400, /_count/);
    await search('_count=500').expect(200);
  });

  it('more than ten _include and _revinclude together are refused with 400', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => (i % 2 ? '_include=Condition:subject' : '_revinclude=Flag:subject'));
    await search(ten.join('&')).expect(200);
    expectRefusal(await search([...ten, '_include=Condition:asserter'].join('&')), 400, /at most 10 _include and _revinclude/);
  });

  it('If-None-Exist is held to the same limits', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `sys|v${i}`).join(',');
    const res = await postJson(svc.url, '/fhir/Goal', aisha, JSON.stringify(goal(aisha.patientId))).set('If-None-Exist', `identifier=${many}`);
    expectRefusal(res, 400, /"identifier" may have at most 20 values/);
    const proto = await postJson(svc.url, '/fhir/Goal', aisha, JSON.stringify(goal(aisha.patientId))).set('If-None-Exist', '__proto__=1');
    expectRefusal(proto, 400, /"__proto__" is not supported for Goal/);
  });
});

describe.each(stores)('bodies are bounded and parsed without prototypes (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  beforeAll(async () => {
    svc = await startService(kind);
    aisha = await signUp(svc.url, 'Aisha', 'Khan');
  });
  afterAll(async () => svc?.stop());

  it('a Bundle whose entry is [null] answers 400 naming Bundle.entry[0], for a transaction and a batch', async () => {
    for (const type of ['transaction', 'batch']) {
      const res = await postJson(svc.url, '/fhir', aisha, JSON.stringify({ resourceType: 'Bundle', type, entry: [null] }));
      expectRefusal(res, 400, /Entry 1 must be an object/);
      expect(res.body.issue[0].expression).toEqual(['Bundle.entry[0]']);
    }
    const junk = await postJson(svc.url, '/fhir', aisha, JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: 'GET', resource: 7 }] }));
    expectRefusal(junk, 400, /Entry 1: request must be an object/);
  });

  it('a Bundle of more than 500 entries is refused with 400 and nothing of it is stored', async () => {
    const before = await historyTotal(svc.url, aisha);
    const entry = Array.from({ length: 501 }, () => ({ resource: goal(aisha.patientId), request: { method: 'POST', url: 'Goal' } }));
    const res = await postJson(svc.url, '/fhir', aisha, JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }));
    expectRefusal(res, 400, /at most 500 entries; this one has 501/);
    expect(await historyTotal(svc.url, aisha)).toBe(before);
  });

  it('a body key "__proto__" is refused with 422 naming it, and nothing is stored', async () => {
    const before = await historyTotal(svc.url, aisha);
    const body = JSON.stringify(goal(aisha.patientId)).replace('{', '{"__proto__":{"isAdmin":true},');
    const res = await postJson(svc.url, '/fhir/Goal', aisha, body);
    expectRefusal(res, 422, /Goal.__proto__ has "__proto__", which is not part of any kind of record/);
    expect(res.body.issue[0].expression).toEqual(['Goal.__proto__']);
    const nested = JSON.stringify(goal(aisha.patientId)).replace('"description":{', '"description":{"__proto__":{"x":1},');
    const inside = await postJson(svc.url, '/fhir/Goal', aisha, nested);
    expectRefusal(inside, 422, /Goal.description.__proto__/);
    expect(await historyTotal(svc.url, aisha)).toBe(before);
  });

  it('"constructor": {"prototype": …} in a resource answers 422, not 500, also inside a transaction and on update', async () => {
    const before = await historyTotal(svc.url, aisha);
    const body = { ...goal(aisha.patientId), constructor: { prototype: { polluted: true } } };
    expectRefusal(await postJson(svc.url, '/fhir/Goal', aisha, JSON.stringify(body)), 422, /Goal.constructor/);
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: body, request: { method: 'POST', url: 'Goal' } }] };
    expectRefusal(await postJson(svc.url, '/fhir', aisha, JSON.stringify(bundle)), 422, /Bundle.entry\[0\].resource.constructor/);
    const update = await request(svc.url).put(`/fhir/Patient/${aisha.patientId}`).set(aisha.auth).set('Content-Type', fhirJson).send(JSON.stringify({ resourceType: 'Patient', id: aisha.patientId, prototype: 1 }));
    expectRefusal(update, 422, /Patient.prototype/);
    // Found by the fuzz test: any name of Object.prototype crashed the validator.
    for (const name of ['valueOf', 'toString', 'hasOwnProperty', '__lookupGetter__']) {
      const res = await postJson(svc.url, '/fhir/Goal', aisha, JSON.stringify({ ...goal(aisha.patientId), [name]: '' }));
      expectRefusal(res, 422, new RegExp(`Goal.${name}`));
    }
    expect(await historyTotal(svc.url, aisha)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the same keys in other requests (sign-up, notifications) are refused with 400 naming the field, and no account is made', async () => {
    const email = `proto.${Date.now()}@example.org`;
    const registration = `{"__proto__":{"admin":true},"email":"${email}","password":"a long pass phrase","name":{"given":"P","family":"Q"},"birthDate":"1950-01-01"}`;
    const res = await request(svc.url).post('/auth/register').set('Content-Type', 'application/json').send(registration);
    expectRefusal(res, 400, /"__proto__" is not a field of this request/);
    expect(res.body.issue[0].expression).toEqual(['__proto__']);
    await request(svc.url).post('/auth/login').send({ email, password: 'a long pass phrase' }).expect(401);
    const read = await request(svc.url).post('/notifications/read').set(aisha.auth).set('Content-Type', 'application/json').send('{"ids":[],"constructor":{"prototype":{}}}');
    expectRefusal(read, 400, /"constructor" is not a field/);
  });
});

describe('search input limits come from the configuration', () => {
  it('refuses a limit that makes no sense and keeps the defaults otherwise', async () => {
    const { loadConfig } = await import('../../src/config.ts');
    expect(loadConfig({}).limits).toEqual({
      search: { maxParameters: 50, maxValuesPerParameter: 20, maxOffset: 10_000, maxIncludes: 10, maxQueryBytes: 8_192 },
      maxBundleEntries: 500,
      sharesPerDay: 20,
    });
    expect(loadConfig({}).postgres).toEqual({ statementTimeoutMs: 5_000, poolSize: 10 });
    expect(() => loadConfig({ PG_POOL_SIZE: '0' })).toThrow(/PG_POOL_SIZE/);
    expect(() => loadConfig({ PG_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/PG_STATEMENT_TIMEOUT_MS/);
    expect(() => loadConfig({ SEARCH_MAX_PARAMETERS: '0' })).toThrow(/SEARCH_MAX_PARAMETERS/);
  });

  it.each(stores)('lower SEARCH_MAX_PARAMETERS, BUNDLE_MAX_ENTRIES and SEARCH_MAX_OFFSET are applied, and no paging link points past the offset limit (%s)', async (kind) => {
    const svc = await startService(kind, { SEARCH_MAX_PARAMETERS: '3', BUNDLE_MAX_ENTRIES: '2', SEARCH_MAX_OFFSET: '2' });
    try {
      const rina = await signUp(svc.url, 'Rina', 'Shah');
      await request(svc.url).get('/fhir/Condition?code=a&code=b&code=c').set(rina.auth).expect(200);
      expectRefusal(await request(svc.url).get('/fhir/Condition?code=a&code=b&code=c&code=d').set(rina.auth), 400, /at most 3 parameters/);
      const entry = Array.from({ length: 3 }, () => ({ request: { method: 'GET', url: `Patient/${rina.patientId}` } }));
      expectRefusal(await postJson(svc.url, '/fhir', rina, JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry })), 400, /at most 2 entries/);
      for (let i = 0; i < 5; i++) await postJson(svc.url, '/fhir/Goal', rina, JSON.stringify(goal(rina.patientId, `Goal ${i}`))).expect(201);
      const relations = (body: { link: Array<{ relation: string; url: string }> }) => body.link.map((l) => `${l.relation} ${new URL(l.url).searchParams.get('_offset')}`);
      const first = await request(svc.url).get('/fhir/Goal?_count=1').set(rina.auth).expect(200);
      expect(first.body.total).toBe(5);
      expect(relations(first.body)).toEqual(['self 0', 'first 0', 'next 1']);
      const deepest = await request(svc.url).get('/fhir/Goal?_count=1&_offset=2').set(rina.auth).expect(200);
      expect(relations(deepest.body)).toEqual(['self 2', 'first 0', 'previous 1']);
      expectRefusal(await request(svc.url).get('/fhir/Goal?_count=1&_offset=3').set(rina.auth), 400, /from 0 to 2\./);
      const history = await request(svc.url).get('/fhir/_history?_count=2&_offset=2').set(rina.auth).expect(200);
      expect(relations(history.body)).toEqual(['self 2', 'first 0', 'previous 0']);
    } finally {
      await svc.stop();
    }
  });
});

describe.skipIf(!stores.includes('postgres'))('PostgreSQL: a statement timeout and a pool size from the configuration', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let person: SignedIn;
  beforeAll(async () => {
    // Sign up under the default timeout; then the same database is served with a 50 ms one.
    schema = await createTestSchema('timeout');
    const setup = await startService('postgres', { DATABASE_URL: schema.url });
    person = await signUp(setup.url, 'Rina', 'Shah');
    await setup.stop();
  });
  afterAll(async () => schema?.drop());

  it('a heavy search (50 parameters, within the limits) past PG_STATEMENT_TIMEOUT_MS answers 503 "try a narrower search", is logged without the query, and the next request works', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const svc = await startService('postgres', { DATABASE_URL: schema.url, PG_STATEMENT_TIMEOUT_MS: '50', PG_POOL_SIZE: '2' }, { logger });
    try {
      // Fifty EXISTS clauses on one index table: planning alone takes 0.3–0.4 s on the 2-core CI machine.
      const heavy = [...repeated('code', 20), ...repeated('clinical-status', 20), ...repeated('category', 10)].join('&');
      const res = await postSearch(svc.url, 'Condition', person, heavy);
      expectRefusal(res, 503, /took too long and was stopped\. If it was a search, try a narrower search/);
      expect(res.body.issue[0].code).toBe('timeout');
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.sqlstate === '57014');
      expect(logged).toEqual([expect.objectContaining({ level: 40, method: 'POST', path: '/fhir/Condition/_search', msg: expect.stringMatching(/PG_STATEMENT_TIMEOUT_MS/) })]);
      expect(lines.join('\n')).not.toMatch(/clinical-status|category[0-9]/);
      // The connection went back to the pool in working order: with a pool of 2, three more requests still answer.
      for (let i = 0; i < 3; i++) await request(svc.url).get('/fhir/Condition?code=c1').set(person.auth).expect(200);
    } finally {
      await svc.stop();
    }
  });

  it('PG_POOL_SIZE bounds the connections one instance opens, however many searches arrive at once', async () => {
    const name = `pool_${Date.now()}`;
    const url = new URL(schema.url);
    url.searchParams.set('application_name', name);
    const svc = await startService('postgres', { DATABASE_URL: url.toString(), PG_POOL_SIZE: '2' });
    const watcher = new pg.Client({ connectionString: postgresUrl });
    await watcher.connect();
    try {
      const heavy = [...repeated('code', 20), ...repeated('clinical-status', 20)].join('&');
      let most = 0;
      let running = true;
      const watching = (async () => {
        while (running) {
          const { rows } = await watcher.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name]);
          most = Math.max(most, rows[0].n as number);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const answers = await Promise.all(Array.from({ length: 8 }, () => postSearch(svc.url, 'Condition', person, heavy)));
      running = false;
      await watching;
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      expect(most).toBe(2);
    } finally {
      await watcher.end();
      await svc.stop();
    }
  });
});
