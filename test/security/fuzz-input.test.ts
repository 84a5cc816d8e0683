import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { otherQuery, searchRequest, writeRequest } from './fuzz-arbitraries.ts';
import { goal, historyTotal, stores } from './input-harness.ts';

/**
 * Property-based fuzzing of what callers send, against the real service on each store: no answer
 * is a 5xx, every refusal is an OperationOutcome in plain words, and a refused write changes
 * nothing. FUZZ_SEED replays a run (fast-check prints the seed and path of a failure);
 * FUZZ_RUNS sets how many cases of each kind (default 300: about 15 s a store on the 2-core machine).
 */
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const numRuns = Number(process.env.FUZZ_RUNS ?? 300);

describe.each(stores)('fuzzed input never fails the service (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  let goalId: string;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  beforeAll(async () => {
    svc = await startService(kind);
    aisha = await signUp(svc.url, 'Aisha', 'Khan');
    const created = await request(svc.url).post('/fhir/Goal').set(aisha.auth).set('Content-Type', fhirJson).send(goal(aisha.patientId)).expect(201);
    goalId = String(created.body.id);
  });
  afterAll(async () => svc?.stop());

  const expectAnswered = (res: request.Response, what: string): void => {
    expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
    // Node itself answers 431 for a URL over 16 KiB, before any of our code: no body to check.
    if (res.status >= 400 && res.status !== 431) {
      expect(res.body.resourceType, what).toBe('OperationOutcome');
      expect(res.body.issue[0].details.text, what).toMatch(/\w/);
    }
  };

  it(`search parameters: no 5xx and a plain refusal (seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(searchRequest, async ({ type, pairs, method }) => {
        const query = new URLSearchParams(pairs.map(([n, modifier, v]) => [`${n}${modifier}`, v])).toString();
        const res =
          method === 'GET'
            ? await request(svc.url).get(`/fhir/${encodeURIComponent(type)}?${query}`).set(aisha.auth)
            : await request(svc.url).post(`/fhir/${encodeURIComponent(type)}/_search`).set(aisha.auth).set('Content-Type', 'application/x-www-form-urlencoded').send(query);
        expectAnswered(res, `${method} ${type}?${query.slice(0, 300)}`);
      }),
      { numRuns, seed },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it(`query strings of other routes (access log, printout, health link): no 5xx (seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(otherQuery, async ({ route, pairs }) => {
        const query = new URLSearchParams(pairs).toString();
        const path = {
          'access-log': `/fhir/Patient/${aisha.patientId}/access-log`,
          print: `/red-bag/${aisha.patientId}/print`,
          shl: '/shl/no-such-link',
        }[route];
        const res = await request(svc.url).get(`${path}?${query}`).set(aisha.auth);
        expectAnswered(res, `GET ${path}?${query}`);
      }),
      { numRuns: Math.ceil(numRuns / 3), seed },
    );
  });

  it(`request bodies: no 5xx, and a refused write changes nothing (seed ${seed})`, async () => {
    let versions = await historyTotal(svc.url, aisha);
    await fc.assert(
      fc.asyncProperty(writeRequest(aisha.patientId, goalId), async ({ method, path, body }) => {
        const call = method === 'PUT' ? request(svc.url).put(path) : request(svc.url).post(path);
        const res = await call.set(aisha.auth).set('Content-Type', path.startsWith('/fhir') ? fhirJson : 'application/json').send(body);
        expectAnswered(res, `${method} ${path} ${body.slice(0, 300)}`);
        const after = await historyTotal(svc.url, aisha);
        if (res.status >= 400) expect(after, `a refused ${method} ${path} changed her record: ${body.slice(0, 300)}`).toBe(versions);
        versions = after;
      }),
      { numRuns, seed },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });
});
