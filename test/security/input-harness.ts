import request from 'supertest';
import { expect } from 'vitest';
import { postgresReachable } from '../support/postgres.ts';
import type { StoreKind } from '../support/service.ts';
import { fhirJson, type SignedIn } from '../support/people.ts';

export const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

export const goal = (patientId: string, text = 'Walk to the shops') => ({
  resourceType: 'Goal',
  lifecycleStatus: 'active',
  description: { text },
  subject: { reference: `Patient/${patientId}` },
});

/** How many versions her record holds: any write, accepted or not, would change it. */
export async function historyTotal(url: string, person: SignedIn): Promise<number> {
  const res = await request(url).get('/fhir/_history?_count=1').set(person.auth).expect(200);
  return Number(res.body.total);
}

/** A FHIR refusal: the status, an OperationOutcome, and the plain-English text. */
export function expectRefusal(res: request.Response, status: number, text: RegExp): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
  expect(res.body.resourceType).toBe('OperationOutcome');
  expect(res.body.issue[0].details.text).toMatch(text);
}

export const postJson = (url: string, path: string, person: SignedIn, body: string) =>
  request(url).post(path).set(person.auth).set('Content-Type', fhirJson).send(body);

export const postSearch = (url: string, type: string, person: SignedIn, form: string) =>
  request(url).post(`/fhir/${type}/_search`).set(person.auth).set('Content-Type', 'application/x-www-form-urlencoded').send(form);

/** `code=c0&code=c1…`: n repeats of one parameter, each a different value. */
export const repeated = (name: string, n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `${name}=${name}${from + i}`);
