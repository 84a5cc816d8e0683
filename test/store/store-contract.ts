import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Resource } from '@medplum/fhirtypes';
import { parseSearchRequest } from '@medplum/core';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { FhirError } from '../../src/fhir/errors.ts';
import type { Store, StoreSearch, TypeList, Write } from '../../src/store/store.ts';
import { plannedOnThreadFrom } from '../../src/store/sql/commit-alone.ts';

export interface StoreFixture {
  open(): Promise<Store>;
  /** Closes and opens the same database again (durability across restarts). */
  reopen?(store: Store): Promise<Store>;
  cleanup(): Promise<void>;
}

const t0 = new Date('2026-03-01T10:00:00.000Z');
const later = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

const condition = (id: string, patient: string, code: string, onset?: string): Condition & { id: string } => ({
  resourceType: 'Condition',
  id,
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code }], text: `condition ${code}` },
  subject: { reference: `Patient/${patient}` },
  ...(onset ? { onsetDateTime: onset } : {}),
});
const patient = (id: string, family: string, birthDate: string): Resource & { id: string } => ({ resourceType: 'Patient', id, name: [{ family, given: ['Ann'] }], birthDate });
const create = (resource: Resource & { id: string }, compartment: string): Write => ({ kind: 'create', resource, compartment });

const filters = (query: string) => parseSearchRequest(query).filters ?? [];
const ids = (page: { resources: Array<{ resource: { id: string } }> }) => page.resources.map((r) => r.resource.id).sort();

async function failsWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FhirError);
  expect((error as FhirError).code).toBe(code);
}

/** The behaviour every store adapter must have; run unchanged against SQLite and PostgreSQL. */
export function describeStoreContract(name: string, fixture: () => Promise<StoreFixture | undefined>): void {
  describe(`the ${name} store`, () => {
    let store: Store;
    let fx: StoreFixture | undefined;
    const search = (resourceType: string, query: string, extra: Partial<StoreSearch> = {}) =>
      store.search({ resourceType, filters: filters(`${resourceType}?${query}`), sort: [], count: 50, offset: 0, total: true, scope: { compartments: ['p1', 'p2'] }, ...extra });

    beforeAll(async () => {
      loadFhirDefinitions();
      fx = await fixture();
      if (!fx) return;
      store = await fx.open();
      await store.commit(
        [
          create(patient('p1', 'Khän', '1945-03-02'), 'p1'),
          create(patient('p2', 'Patel', '1966'), 'p2'),
          create(condition('c1', 'p1', '44054006', '2015-06-01'), 'p1'),
          create(condition('c2', 'p1', '38341003', '2019-02-10T08:30:00Z'), 'p1'),
          create(condition('c3', 'p2', '44054006'), 'p2'),
        ],
        t0,
      );
    });
    afterAll(async () => {
      await store?.close();
      await fx?.cleanup();
    });
    const live = (ctx: { skip: () => void }) => {
      if (!fx) ctx.skip();
    };

    it('stores versions with versionId and lastUpdated, and reads them back', async (ctx) => {
      live(ctx);
      const read = await store.read('Condition', 'c1');
      expect(read?.deleted).toBe(false);
      if (read?.deleted !== false) return;
      expect(read.compartment).toBe('p1');
      expect(read.resource.meta).toMatchObject({ versionId: '1', lastUpdated: t0.toISOString() });
      expect(await store.read('Condition', 'nope')).toBeUndefined();
    });

    it('updates with If-Match, refuses a stale version, and keeps every version', async (ctx) => {
      live(ctx);
      const [updated] = await store.commit([{ kind: 'update', resource: { ...condition('c1', 'p1', '44054006', '2015-06-01'), note: [{ text: 'v2' }] }, compartment: 'p1', ifMatch: '1' }], later(1));
      expect(updated).toMatchObject({ outcome: 'updated' });
      await failsWith(store.commit([{ kind: 'update', resource: condition('c1', 'p1', '44054006'), compartment: 'p1', ifMatch: '1' }], later(2)), 'precondition-failed');
      const v1 = await store.vread('Condition', 'c1', '1');
      expect(v1?.deleted === false && (v1.resource as Condition).note).toBeUndefined();
      const v2 = await store.vread('Condition', 'c1', '2');
      expect(v2?.deleted === false && (v2.resource as Condition).note?.[0]?.text).toBe('v2');
      expect(await store.vread('Condition', 'c1', '3')).toBeUndefined();
    });

    it('refuses to create an id in use and to update one that never existed', async (ctx) => {
      live(ctx);
      await failsWith(store.commit([create(condition('c1', 'p1', '1'), 'p1')], later(3)), 'conflict');
      await failsWith(store.commit([{ kind: 'update', resource: condition('ghost', 'p1', '1'), compartment: 'p1' }], later(3)), 'not-found');
    });

    it('names the id in use among several new ones, in her record or another, and writes none of them', async (ctx) => {
      live(ctx);
      // One new beside it, and a commit large enough for SQLite's write thread (commit-alone.ts).
      for (const fresh of [1, plannedOnThreadFrom]) {
        for (const [taken, compartment] of [['c1', 'p1'], ['c3', 'p1']] as const) {
          const news = Array.from({ length: fresh }, (_, i) => create(condition(`fresh-${taken}-${fresh}-${i}`, 'p1', '1'), 'p1'));
          const commit = store.commit([...news, create(condition(taken, 'p1', '1'), compartment)], later(3));
          const error = await commit.then(() => undefined, (e: unknown) => e);
          expect(error).toBeInstanceOf(FhirError);
          expect((error as FhirError).message).toBe(`Condition/${taken} already exists.`);
          for (const write of news) expect(await store.read('Condition', (write as { resource: { id: string } }).resource.id)).toBeUndefined();
        }
      }
    });

    it('deletes keeping history: a tombstone on read, DELETE in history, idempotent', async (ctx) => {
      live(ctx);
      await store.commit([create(condition('d1', 'p1', '1912002'), 'p1')], later(4));
      const [deleted] = await store.commit([{ kind: 'delete', resourceType: 'Condition', id: 'd1' }], later(5));
      expect(deleted).toMatchObject({ outcome: 'deleted', versionId: '2' });
      expect(await store.read('Condition', 'd1')).toMatchObject({ deleted: true, versionId: '2' });
      const [again] = await store.commit([{ kind: 'delete', resourceType: 'Condition', id: 'd1' }], later(6));
      expect(again).toMatchObject({ outcome: 'already-deleted' });
      const history = await store.history({ resourceType: 'Condition', id: 'd1', scope: { compartments: ['p1'] }, count: 10, offset: 0 });
      expect(history.total).toBe(2);
      expect(history.entries.map((e) => e.method)).toEqual(['DELETE', 'POST']);
      expect(ids(await search('Condition', 'code=1912002'))).toEqual([]);
    });

    it('applies a commit all-or-nothing', async (ctx) => {
      live(ctx);
      await failsWith(
        store.commit([create(condition('a1', 'p1', '1'), 'p1'), create(condition('a2', 'p1', '2'), 'p1'), { kind: 'update', resource: condition('missing', 'p1', '3'), compartment: 'p1' }], later(7)),
        'not-found',
      );
      expect(await store.read('Condition', 'a1')).toBeUndefined();
      expect(await store.read('Condition', 'a2')).toBeUndefined();
    });

    it('creates conditionally: once, then returns the existing one; fails on two matches', async (ctx) => {
      live(ctx);
      const scope = { compartments: ['p2'] };
      const make = (id: string) => ({ kind: 'create' as const, resource: { ...condition(id, 'p2', '13645005'), identifier: [{ system: 'urn:x', value: 'k' }] }, compartment: 'p2', ifNoneExist: { filters: filters('Condition?identifier=urn:x|k'), scope } });
      const [first] = await store.commit([make('k1')], later(8));
      const [second] = await store.commit([make('k2')], later(9));
      expect(first?.outcome).toBe('created');
      expect(second).toMatchObject({ outcome: 'existing' });
      expect(second?.outcome === 'existing' && second.stored.resource.id).toBe('k1');
      await store.commit([create({ ...condition('k3', 'p2', '13645005'), identifier: [{ system: 'urn:x', value: 'k' }] } as Resource & { id: string }, 'p2')], later(10));
      await failsWith(store.commit([make('k4')], later(11)), 'precondition-failed');
    });

    it('lets exactly one of two concurrent If-Match updates win', async (ctx) => {
      live(ctx);
      await store.commit([create(condition('race', 'p1', '1'), 'p1')], later(12));
      const attempt = (text: string) => store.commit([{ kind: 'update', resource: { ...condition('race', 'p1', '1'), note: [{ text }] }, compartment: 'p1', ifMatch: '1' }], later(13));
      const outcomes = await Promise.allSettled([attempt('a'), attempt('b')]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const read = await store.read('Condition', 'race');
      expect(read?.deleted === false && read.resource.meta.versionId).toBe('2');
    });

    it('searches tokens, strings (accent- and case-blind), references and _id', async (ctx) => {
      live(ctx);
      expect(ids(await search('Condition', 'code=44054006'))).toEqual(['c1', 'c3']);
      expect(ids(await search('Condition', 'code=http://snomed.info/sct|44054006'))).toEqual(['c1', 'c3']);
      expect(ids(await search('Condition', 'code=http://other|44054006'))).toEqual([]);
      expect(ids(await search('Condition', 'code:not=44054006&subject=Patient/p1'))).toEqual(['c2', 'race']);
      expect(ids(await search('Patient', 'name=khan'))).toEqual(['p1']);
      expect(ids(await search('Patient', 'name=KH'))).toEqual(['p1']);
      expect(ids(await search('Patient', 'name:exact=Khän'))).toEqual(['p1']);
      expect(ids(await search('Patient', 'name:exact=khan'))).toEqual([]);
      expect(ids(await search('Patient', 'name:contains=ate'))).toEqual(['p2']);
      expect(ids(await search('Condition', 'subject=Patient/p2&code=44054006'))).toEqual(['c3']);
      expect(ids(await search('Condition', 'subject=p2&code=44054006'))).toEqual(['c3']);
      expect(ids(await search('Condition', '_id=c1,c2'))).toEqual(['c1', 'c2']);
      expect(ids(await search('Condition', 'onset-date:missing=true&subject=Patient/p2'))).toEqual(['c3', 'k1', 'k3']);
    });

    it('searches dates with prefixes and partial dates as ranges', async (ctx) => {
      live(ctx);
      expect(ids(await search('Patient', 'birthdate=1945'))).toEqual(['p1']);
      expect(ids(await search('Patient', 'birthdate=1945-03'))).toEqual(['p1']);
      expect(ids(await search('Patient', 'birthdate=1966-05-01'))).toEqual([]); // p2's 1966 is wider than one day
      expect(ids(await search('Patient', 'birthdate=ap1966-05-01'))).toEqual(['p2']);
      expect(ids(await search('Patient', 'birthdate=lt1950'))).toEqual(['p1']);
      expect(ids(await search('Patient', 'birthdate=ge1960'))).toEqual(['p2']);
      expect(ids(await search('Condition', 'onset-date=gt2016'))).toEqual(['c2']);
      expect(ids(await search('Condition', 'onset-date=le2015-06-01'))).toEqual(['c1']);
      expect(ids(await search('Condition', 'onset-date=sa2015&onset-date=eb2020'))).toEqual(['c2']);
      expect(ids(await search('Condition', 'onset-date=ne2015'))).toEqual(['c2']);
      expect(ids(await search('Condition', `_lastUpdated=gt${t0.toISOString()}&subject=Patient/p1`)).length).toBeGreaterThan(0);
    });

    it('sorts, pages and counts', async (ctx) => {
      live(ctx);
      const sorted = await search('Condition', '_sort=-onset-date&subject=Patient/p1', { sort: [{ code: 'onset-date', descending: true }] });
      expect(sorted.resources.slice(0, 2).map((r) => r.resource.id)).toEqual(['c2', 'c1']);
      const page1 = await search('Condition', '', { count: 2, offset: 0, sort: [{ code: '_id' }] });
      const page2 = await search('Condition', '', { count: 2, offset: 2, sort: [{ code: '_id' }] });
      expect(page1.total).toBe(page2.total);
      expect(page1.resources).toHaveLength(2);
      expect(new Set([...ids(page1), ...ids(page2)]).size).toBe(4);
    });

    it('confines searches and history to the scope', async (ctx) => {
      live(ctx);
      expect(ids(await search('Condition', 'code=44054006', { scope: { compartments: ['p2'] } }))).toEqual(['c3']);
      expect(ids(await search('Condition', 'code=44054006', { scope: { compartments: [] } }))).toEqual([]);
      const history = await store.history({ scope: { compartments: ['p2'] }, count: 100, offset: 0 });
      expect(history.entries.every((e) => e.resource === undefined || e.resourceType !== 'Condition' || ['c3', 'k1', 'k3'].includes(e.id))).toBe(true);
    });

    it('finds, through many shares at once, alike and not, what each share would find alone', async (ctx) => {
      live(ctx);
      const psy = { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] };
      const records = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7'];
      await store.commit(
        records.flatMap((g) => [
          create(condition(`${g}-plain`, g, '44054006'), g),
          create({ ...condition(`${g}-psy`, g, '35489007'), meta: psy }, g),
          create({ resourceType: 'Goal', id: `${g}-goal`, lifecycleStatus: 'active', description: { text: 'walk' }, subject: { reference: `Patient/${g}` } }, g),
        ]),
        later(40),
      );
      const withoutPsy = ['mental-health', 'restricted'];
      const shares = [
        { compartment: 'g1', resourceTypes: ['Condition'], withoutSensitive: withoutPsy },
        { compartment: 'g2', resourceTypes: ['Condition'], withoutSensitive: withoutPsy },
        { compartment: 'g3', resourceTypes: ['Condition'], withoutSensitive: withoutPsy },
        { compartment: 'g4', resourceTypes: ['Condition', 'Goal'], withoutSensitive: withoutPsy },
        { compartment: 'g5', resourceTypes: ['Goal'] },
        { compartment: 'g6', resourceTypes: ['Condition'] },
        // Unlike the others: leaves out only what is restricted, so shows the mental-health item.
        { compartment: 'g7', resourceTypes: ['Condition', 'Goal'], withoutSensitive: ['restricted'] },
      ];
      const alone = async (type: string, parts: typeof shares) => {
        const found = await Promise.all(parts.map((part) => search(type, '', { scope: { compartments: [], parts: [part] } })));
        return found.flatMap((page) => ids(page)).sort();
      };
      for (const type of ['Condition', 'Goal']) {
        // Each record in one share: the sensitive items left out by one clause for all of them.
        expect(ids(await search(type, '', { scope: { compartments: [], parts: shares } }))).toEqual(await alone(type, shares));
        // A record in two shares of different kinds, and a whole record beside them.
        const twice = [...shares, { compartment: 'g1', resourceTypes: ['Goal'], withoutSensitive: withoutPsy }];
        const withWhole = [...(await alone(type, twice)), ...ids(await search(type, '', { scope: { compartments: ['p1'] } }))];
        expect(ids(await search(type, '', { scope: { compartments: ['p1'], parts: twice } }))).toEqual([...new Set(withWhole)].sort());
      }
      expect(await alone('Condition', shares)).toEqual(['g1-plain', 'g2-plain', 'g3-plain', 'g4-plain', 'g6-plain', 'g6-psy', 'g7-plain', 'g7-psy']);
      // Several types at once, as a summary lists them: each share's own types only.
      const scope = { compartments: [], parts: shares };
      const listed = await store.listEach([{ resourceType: 'Condition', scope }, { resourceType: 'Goal', scope }], 100);
      expect(listed.map((list) => ids({ resources: list }))).toEqual([await alone('Condition', shares), await alone('Goal', shares)]);
    });

    it('searches references across every record as within them', async (ctx) => {
      live(ctx);
      for (const query of ['subject=Patient/p1', 'subject=Patient/p2,Patient/p1&code=44054006', 'subject=p2', 'subject=Patient/nobody']) {
        expect(ids(await search('Condition', query, { scope: 'everything' }))).toEqual(ids(await search('Condition', query)));
      }
      expect(ids(await search('Condition', 'subject=Patient/p1', { scope: 'everything' }))).not.toContain('d1'); // deleted
      // Conditions point at Patient/p1; that makes no Patient match a reference search of its own.
      expect(ids(await search('Patient', 'link=Patient/p1', { scope: 'everything' }))).toEqual([]);
    });

    it('refuses unknown search parameters clearly', async (ctx) => {
      live(ctx);
      await failsWith(search('Condition', 'bogus=1'), 'bad-request');
      await failsWith(search('Patient', '', { filters: [{ code: 'birthdate', operator: 'eq', value: '03/02/1945' }] }), 'bad-request');
    });

    it('lists several types at once, each in its own scope and bound, as one search of each would', async (ctx) => {
      live(ctx);
      const lists: TypeList[] = [
        { resourceType: 'Condition', scope: { compartments: ['p1'] } },
        { resourceType: 'Patient', scope: { compartments: ['p1', 'p2'] } },
        { resourceType: 'Condition', scope: { compartments: [], parts: [{ compartment: 'p2', resourceTypes: ['Condition'] }] } },
        { resourceType: 'Condition', scope: { compartments: [], parts: [{ compartment: 'p1', resourceTypes: ['Patient'] }] } },
        { resourceType: 'Condition', scope: { compartments: [] } },
      ];
      const searched = (list: TypeList, count: number) =>
        store.search({ resourceType: list.resourceType, filters: [], sort: [], count, offset: 0, total: false, scope: list.scope });
      const listed = await store.listEach(lists, 50);
      expect(listed.map((list) => list.map((s) => `${s.resourceType}/${s.id}`))).toEqual(
        (await Promise.all(lists.map((list) => searched(list, 50)))).map((page) => page.resources.map((s) => `${s.resourceType}/${s.id}`)),
      );
      expect(listed[0]!.length).toBeGreaterThan(1);
      expect(listed[0]!.every((s) => s.compartment === 'p1' && s.resource.resourceType === 'Condition')).toBe(true);
      expect(listed[1]!.map((s) => s.id).sort()).toEqual(['p1', 'p2']);
      expect(ids({ resources: listed[2]! })).toEqual(ids(await search('Condition', '', { scope: { compartments: ['p2'] } })));
      expect(listed[3]).toEqual([]);
      expect(listed[4]).toEqual([]);
      // The bound is per list, and keeps the same first entries.
      const bounded = await store.listEach([lists[0]!, lists[1]!], 1);
      expect(bounded.map((list) => list.map((s) => s.id))).toEqual([[listed[0]![0]!.id], [listed[1]![0]!.id]]);
      expect(await store.listEach([], 10)).toEqual([]);
    });

    it('lists types that share a scope as separate searches would, the same type twice included, each within its bound', async (ctx) => {
      live(ctx);
      const own = { compartments: ['p1'] };
      const lists: TypeList[] = [
        { resourceType: 'Patient', scope: own },
        { resourceType: 'Condition', scope: own },
        { resourceType: 'Patient', scope: { ...own, parts: [] } },
        { resourceType: 'MedicationStatement', scope: own },
        { resourceType: 'Condition', scope: { compartments: ['p2'] } },
      ];
      const asSearches = async (count: number) =>
        (await Promise.all(lists.map((list) => store.search({ resourceType: list.resourceType, filters: [], sort: [], count, offset: 0, total: false, scope: list.scope }))))
          .map((page) => page.resources.map((s) => `${s.resourceType}/${s.id}/${s.versionId}`));
      const listed = async (count: number) => (await store.listEach(lists, count)).map((list) => list.map((s) => `${s.resourceType}/${s.id}/${s.versionId}`));
      const all = await listed(50);
      expect(all).toEqual(await asSearches(50));
      expect(all[0]).toEqual(['Patient/p1/' + all[0]![0]!.split('/')[2]]);
      expect(all[1]!.length).toBeGreaterThan(1);
      // A bound the shared scope's rows together pass, though no one type does, and one that a type passes.
      const total = all.slice(0, 4).flat().length;
      for (const count of [all[1]!.length, 1]) {
        expect(total).toBeGreaterThan(count);
        expect(await listed(count)).toEqual(await asSearches(count));
      }
    });

    it('reads many at once, leaving out deleted and missing ones', async (ctx) => {
      live(ctx);
      const found = await store.readMany([
        { resourceType: 'Condition', id: 'c1' },
        { resourceType: 'Condition', id: 'd1' },
        { resourceType: 'Patient', id: 'p1' },
        { resourceType: 'Patient', id: 'zzz' },
      ]);
      expect(found.map((f) => f.resource.id).sort()).toEqual(['c1', 'p1']);
    });

    it('keeps everything across a restart', async (ctx) => {
      live(ctx);
      if (!fx?.reopen) ctx.skip();
      store = await fx!.reopen!(store);
      const read = await store.read('Condition', 'c1');
      expect(read?.deleted === false && read.resource.meta.versionId).toBe('2');
      expect(ids(await search('Condition', 'code=44054006'))).toEqual(['c1', 'c3']);
    });
  });
}
