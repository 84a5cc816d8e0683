import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inflateRawSync } from 'node:zlib';
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { decodeProtectedHeader } from 'jose';
import type { Actor } from '../../src/access/actor.ts';
import { createCardCache } from '../../src/cards/card-cache.ts';
import { createCardIssuer } from '../../src/cards/card-issuer.ts';
import { createIssuerKeys } from '../../src/cards/issuer-keys.ts';
import { isRevoked } from '../../src/cards/revocation.ts';
import { createRecord } from '../../src/record/record.ts';
import type { Store } from '../../src/store/store.ts';
import { startService, type RunningService } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const allergy = (patientId: string, criticality: 'high' | 'low') => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  criticality,
  code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
  patient: { reference: `Patient/${patientId}` },
});

describe('cards and printouts from a cache', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc?.stop());

  const cardRows = async (patientId: string) => (await svc.service.stores.accounts.cardIssuesAfter(patientId, '')).length;
  const get = async (who: SignedIn, path: string): Promise<Buffer> => {
    const res = await fetch(`${svc.url}${path}`, { headers: who.auth });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const issue = async (who: SignedIn): Promise<string> => {
    const res = await request(svc.url).post(`/fhir/Patient/${who.patientId}/$health-cards-issue`).set(who.auth).set('Content-Type', fhirJson).send({ resourceType: 'Parameters' }).expect(200);
    return res.body.parameter[0].valueString as string;
  };

  it('an unchanged card, its code and its printouts are the same bytes on every view; a change to what it shows makes a new card, a change to anything else does not', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Cached');
    const saved = await request(svc.url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(allergy(aisha.patientId, 'high')).expect(201);
    const views = async () => ({
      jws: await issue(aisha),
      qr: await get(aisha, `/red-bag/${aisha.patientId}/qr.svg`),
      pdf: await get(aisha, `/red-bag/${aisha.patientId}/print?format=pdf`),
      wallet: await get(aisha, `/red-bag/${aisha.patientId}/print?size=wallet`),
    });

    const first = await views();
    expect(await cardRows(aisha.patientId)).toBe(2); // one printed (API and printouts share it), one for her screen
    const second = await views();
    // Same JWS, so the same signature: nothing was signed again. A PDF carries its making time, so equal bytes were not drawn again.
    expect(second.jws).toBe(first.jws);
    expect(second.qr.equals(first.qr)).toBe(true);
    expect(second.pdf.equals(first.pdf)).toBe(true);
    expect(second.wallet.equals(first.wallet)).toBe(true);
    expect(await cardRows(aisha.patientId)).toBe(2);

    // A goal is in her summary but not on her card: the card stays the same.
    const goal = { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Walk to the shops' }, subject: { reference: `Patient/${aisha.patientId}` } };
    await request(svc.url).post('/fhir/Goal').set(aisha.auth).set('Content-Type', fhirJson).send(goal).expect(201);
    const afterGoal = await views();
    expect(afterGoal.jws).toBe(first.jws);
    expect(afterGoal.qr.equals(first.qr)).toBe(true);
    expect(afterGoal.pdf.equals(first.pdf)).toBe(true);
    expect(await cardRows(aisha.patientId)).toBe(2);

    // The allergy is on her card: changing it makes a new card, code and printout.
    await request(svc.url).put(`/fhir/AllergyIntolerance/${saved.body.id}`).set(aisha.auth).set('Content-Type', fhirJson).send({ ...allergy(aisha.patientId, 'low'), id: saved.body.id }).expect(200);
    const afterChange = await views();
    expect(afterChange.jws).not.toBe(first.jws);
    expect(afterChange.qr.equals(first.qr)).toBe(false);
    expect(afterChange.pdf.equals(first.pdf)).toBe(false);
    expect(await cardRows(aisha.patientId)).toBe(4);
    expect((await views()).jws).toBe(afterChange.jws);
  });

  /** A card issuer with a clock of its own, which the test sets (each reading is a fresh Date). */
  const issuerAt = (start: string) => {
    let time = Date.parse(start);
    const clock = () => new Date(time);
    const { accounts } = svc.service.stores;
    const keys = createIssuerKeys(accounts, svc.service.keyring, clock);
    const cards = createCardIssuer({ record: svc.service.record, keys, accounts, publicUrl: svc.url, clock, cache: createCardCache() });
    const setTime = (at: string): void => {
      time = Date.parse(at);
    };
    return { accounts, keys, cards, clock, setTime };
  };

  it('a new signing key or a reported loss makes a new card; a card retired by the loss is never given again', async () => {
    const mike = await signUp(svc.url, 'Mike', 'Cached');
    const actor: Actor = { kind: 'person', accountId: 'test', patientId: mike.patientId };
    const { keys, cards, clock, setTime } = issuerAt('2026-11-24T10:00:00.250Z');

    const first = await cards.issue(actor, mike.patientId);
    setTime('2026-11-24T10:00:30Z');
    expect((await cards.issue(actor, mike.patientId)).jws).toBe(first.jws);

    await keys.rotate(clock());
    const rotated = await cards.issue(actor, mike.patientId);
    expect(decodeProtectedHeader(rotated.jws).kid).not.toBe(decodeProtectedHeader(first.jws).kid);
    expect((await cards.issue(actor, mike.patientId)).jws).toBe(rotated.jws);

    // Reported lost at 10:01: every card made until the end of that second is retired.
    setTime('2026-11-24T10:01:00.100Z');
    await cards.revokeAll(actor, mike.patientId);
    const kid = decodeProtectedHeader(rotated.jws).kid!;
    const list = async () => (await cards.revocationList(kid))!;
    const cardOf = (c: { jws: string; issuedAt: Date }) => ({ rid: revocationRid(c.jws), nbf: Math.floor(c.issuedAt.getTime() / 1000) });
    expect(isRevoked(cardOf(rotated), await list())).toBe(true);
    const sameSecond = await cards.issue(actor, mike.patientId);
    expect(sameSecond.jws).not.toBe(rotated.jws);
    expect(isRevoked(cardOf(sameSecond), await list())).toBe(true);
    setTime('2026-11-24T10:01:02Z');
    const good = await cards.issue(actor, mike.patientId);
    expect(good.jws).not.toBe(sameSecond.jws);
    expect(isRevoked(cardOf(good), await list())).toBe(false);
    expect((await cards.issue(actor, mike.patientId)).jws).toBe(good.jws);
  });

  it('a kept card is not given again once a card showing something else was made after it (on another instance); one showing the same is no reason', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Kept');
    const actor: Actor = { kind: 'person', accountId: 'test', patientId: rina.patientId };
    const { accounts, cards, setTime } = issuerAt('2026-11-25T09:00:00Z');
    const first = await cards.issue(actor, rina.patientId);
    const own = await accounts.latestPrintedCard(rina.patientId);
    const madeElsewhere = (at: string, contentDigest: string) =>
      accounts.recordCardIssue({ ...own!, issuedAt: at, nbf: Math.floor(Date.parse(at) / 1000), contentDigest });

    // Another instance made a card of the same content later: this one is still her latest.
    await madeElsewhere('2026-11-25T09:00:10.000Z', own!.contentDigest);
    setTime('2026-11-25T09:00:20Z');
    expect((await cards.issue(actor, rina.patientId)).jws).toBe(first.jws);
    // One showing something else, made before this card: no matter.
    await madeElsewhere('2026-11-25T08:59:00.000Z', 'another digest');
    expect((await cards.issue(actor, rina.patientId)).jws).toBe(first.jws);
    // One showing something else, made after it: a scanner takes that as her latest, so a new card is made.
    await madeElsewhere('2026-11-25T09:00:30.000Z', 'another digest');
    setTime('2026-11-25T09:00:40Z');
    const fresh = await cards.issue(actor, rina.patientId);
    expect(fresh.jws).not.toBe(first.jws);
    expect((await cards.issue(actor, rina.patientId)).jws).toBe(fresh.jws);
  });

  it('a card for a record of 30,000 entries reads only the sections it shows: as many rows as for a record of 30', async () => {
    const store = svc.service.stores.store;
    let rows = 0;
    // The real store, counting the rows each read hands back.
    const counting: Store = {
      ...store,
      read: async (type, id) => {
        const found = await store.read(type, id);
        if (found) rows++;
        return found;
      },
      readMany: async (keys) => {
        const found = await store.readMany(keys);
        rows += found.length;
        return found;
      },
      search: async (query) => {
        const page = await store.search(query);
        rows += page.resources.length;
        return page;
      },
      history: async (query) => {
        const page = await store.history(query);
        rows += page.entries.length;
        return page;
      },
      listEach: async (lists, limit) => {
        const found = await store.listEach(lists, limit);
        rows += found.flat().length;
        return found;
      },
    };
    const record = createRecord({ store: counting, validator: { validate: () => [] }, clock: () => new Date(), newId: () => crypto.randomUUID() });
    const cards = createCardIssuer({ record, keys: createIssuerKeys(svc.service.stores.accounts, svc.service.keyring), accounts: svc.service.stores.accounts, publicUrl: svc.url, clock: () => new Date() });
    const small = await signUp(svc.url, 'Small', 'Record');
    const large = await signUp(svc.url, 'Large', 'Record');
    const now = new Date();
    const shown = (p: string) => [
      { ...allergy(p, 'high'), id: `${p}-a` },
      ...Array.from({ length: 14 }, (_, i) => ({ resourceType: 'Condition', id: `${p}-c${i}`, subject: { reference: `Patient/${p}` }, code: { text: `Condition ${i}` } })),
      ...Array.from({ length: 14 }, (_, i) => ({ resourceType: 'MedicationStatement', id: `${p}-m${i}`, status: 'active', subject: { reference: `Patient/${p}` }, medicationCodeableConcept: { text: `Medicine ${i}` } })),
    ];
    for (const p of [small.patientId, large.patientId]) await store.commit(shown(p).map((resource) => ({ kind: 'create' as const, resource: resource as Resource & { id: string }, compartment: p })), now);
    // Years of readings, appointments and goals: in her record, not on her card. Written in one SQL
    // statement straight into the file (with their history rows), as the store would hold them:
    // through the store it would take minutes, and what is measured here is only what a card reads.
    const db = new DatabaseSync(join(svc.dataDir, 'redbag.sqlite'));
    const p = large.patientId;
    const content = `CASE k % 3
      WHEN 0 THEN json_object('resourceType', 'Observation', 'id', '${p}-u' || k, 'status', 'final', 'code', json_object('text', 'Pulse'), 'subject', json_object('reference', 'Patient/${p}'), 'valueString', (60 + k % 40) || ' a minute', 'meta', json_object('versionId', '1', 'lastUpdated', '${now.toISOString()}'))
      WHEN 1 THEN json_object('resourceType', 'Appointment', 'id', '${p}-u' || k, 'status', 'fulfilled', 'participant', json_array(json_object('actor', json_object('reference', 'Patient/${p}'), 'status', 'accepted')), 'meta', json_object('versionId', '1', 'lastUpdated', '${now.toISOString()}'))
      ELSE json_object('resourceType', 'Goal', 'id', '${p}-u' || k, 'lifecycleStatus', 'completed', 'description', json_object('text', 'Goal ' || k), 'subject', json_object('reference', 'Patient/${p}'), 'meta', json_object('versionId', '1', 'lastUpdated', '${now.toISOString()}')) END`;
    for (const table of ['resources', 'resource_history']) {
      db.exec(`WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 29969)
        INSERT INTO ${table} (compartment, resource_type, id, version_id, last_updated, deleted, content)
        SELECT '${p}', CASE k % 3 WHEN 0 THEN 'Observation' WHEN 1 THEN 'Appointment' ELSE 'Goal' END, '${p}-u' || k, 1, '${now.toISOString()}', 0, ${content} FROM n`);
    }
    db.close();
    const counted = async (resourceType: string) => (await store.search({ resourceType, filters: [], sort: [], count: 0, offset: 0, total: true, scope: { compartments: [p] } })).total ?? 0;
    const held = await Promise.all(['Patient', 'AllergyIntolerance', 'Condition', 'MedicationStatement', 'Observation', 'Appointment', 'Goal'].map(counted));
    expect(held.reduce((a, b) => a + b, 0)).toBe(30_000);

    const rowsFor = async (who: SignedIn) => {
      rows = 0;
      const card = await cards.issue({ kind: 'person', accountId: 'test', patientId: who.patientId }, who.patientId);
      return { rows, card };
    };
    const smallCard = await rowsFor(small);
    const largeCard = await rowsFor(large);
    expect(largeCard.rows).toBe(smallCard.rows);
    expect(largeCard.rows).toBeLessThan(40);
    // The sections it did not read are left out of the summary it was made from, never said to be empty.
    const titles = (largeCard.card.summary.entry![0]!.resource as { section: Array<{ title: string }> }).section.map((s) => s.title);
    expect(titles).toContain('Allergies');
    expect(titles).not.toContain('What matters to me');
    expect(titles).not.toContain('How she usually is (baseline)');
  }, 60_000);
});

/** The rid a card carries (in its compressed payload). */
function revocationRid(jws: string): string {
  return JSON.parse(inflateRawSync(Buffer.from(jws.split('.')[1]!, 'base64url')).toString()).vc.rid as string;
}
