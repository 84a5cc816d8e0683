import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { parseSearchRequest } from '@medplum/core';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { FhirError } from '../../src/fhir/errors.ts';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import type { Store, StoreSearch, Write } from '../../src/store/store.ts';
import { citusReachable, createCitusSchema, describeCitus } from '../support/citus.ts';

const citusUp = await citusReachable();

/** A pool that notes every statement it runs, so each can be EXPLAINed on the cluster. */
class NotingPool extends pg.Pool {
  noted: Array<{ text: string; values: unknown[] }> = [];
  override query(...args: any[]): any {
    if (typeof args[0] === 'string') this.noted.push({ text: args[0], values: Array.isArray(args[1]) ? args[1] : [] });
    // A prepared (named) statement comes as a config object (store/sql/postgres-executor.ts).
    else if (typeof args[0]?.text === 'string') this.noted.push({ text: args[0].text, values: args[0].values ?? [] });
    return (super.query as (...a: any[]) => any)(...args);
  }
}

const t0 = new Date('2026-03-01T10:00:00.000Z');
const nhs = 'https://fhir.nhs.uk/Id/nhs-number';
const patient = (id: string, nhsNumber?: string): Resource & { id: string } => ({
  resourceType: 'Patient',
  id,
  name: [{ family: `Family ${id}` }],
  ...(nhsNumber ? { identifier: [{ system: nhs, value: nhsNumber }] } : {}),
});
const condition = (id: string, p: string, code: string): Resource & { id: string } => ({
  resourceType: 'Condition',
  id,
  code: { coding: [{ system: 'http://snomed.info/sct', code }] },
  subject: { reference: `Patient/${p}` },
});
const create = (resource: Resource & { id: string }, compartment: string): Write => ({ kind: 'create', resource, compartment });

describeCitus(citusUp, 'the schema on the Citus cluster', () => {
  let pool: NotingPool;
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    loadFhirDefinitions();
    const schema = await createCitusSchema('layout');
    drop = schema.drop;
    pool = new NotingPool({ connectionString: schema.url });
    store = await openPostgresStore({ pool });
    const writes: Write[] = [];
    for (let n = 0; n < 6; n++) {
      writes.push(create(patient(`p${n}`), `p${n}`), create(condition(`c${n}`, `p${n}`, n % 2 ? '44054006' : '38341003'), `p${n}`));
    }
    for (let n = 0; n < 24; n++) writes.push(create({ resourceType: 'Organization', id: `org-${n}`, name: `Surgery ${n}` }, ''));
    await store.commit(writes, t0);
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await drop?.();
  });

  /** The shards each statement the store ran for `work` visited (Citus's "Task Count"). */
  const shardsVisited = async (work: () => Promise<unknown>): Promise<number[]> => {
    pool.noted = [];
    await work();
    const statements = pool.noted;
    pool.noted = [];
    const counts: number[] = [];
    for (const { text, values } of statements) {
      const { rows } = await pool.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
      const tasks = [...JSON.stringify(rows[0]).matchAll(/"Task Count":\s*(\d+)/g)].map((m) => Number(m[1]));
      counts.push(Math.max(0, ...tasks));
    }
    return counts;
  };
  const search = (resourceType: string, query: string, scope: StoreSearch['scope']) =>
    store.search({ resourceType, filters: parseSearchRequest(`${resourceType}?${query}`).filters ?? [], sort: [], count: 20, offset: 0, total: true, scope });

  it('shards the record by compartment (colocated), ids and NHS numbers by themselves, and copies the account tables to every node', async () => {
    const { rows }: { rows: Array<{ name: string; type: string; column: string; colocation: number }> } = await pool.query(
      `SELECT c.relname AS name, t.citus_table_type AS type, t.distribution_column AS column, t.colocation_id AS colocation
       FROM public.citus_tables t JOIN pg_class c ON c.oid = t.table_name JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()`,
    );
    const of = (name: string) => rows.find((r) => r.name === name);
    const record = ['resources', 'resource_history', 'index_token', 'index_string', 'index_date', 'index_reference'];
    for (const name of record) expect(of(name), name).toMatchObject({ type: 'distributed', column: 'compartment', colocation: of('resources')!.colocation });
    expect(of('resource_locations')).toMatchObject({ type: 'distributed', column: 'id' });
    expect(of('nhs_numbers')).toMatchObject({ type: 'distributed', column: 'code' });
    for (const name of ['accounts', 'sessions', 'carer_links', 'emergency_accesses', 'notifications', 'outbox', 'health_links']) expect(of(name)?.type, name).toBe('reference');
    const { rows: placed }: { rows: Array<{ workers: number }> } = await pool.query(
      "SELECT count(DISTINCT nodeport)::int AS workers FROM pg_dist_shard_placement p JOIN pg_dist_shard s USING (shardid) WHERE s.logicalrelid = 'resources'::regclass",
    );
    expect(placed[0]!.workers).toBe(2);
  });

  it('reads by id, and searches one person’s record, on one shard at a time', async () => {
    expect(await shardsVisited(() => store.read('Condition', 'c1'))).toEqual([1, 1]);
    expect(await shardsVisited(() => store.vread('Condition', 'c1', '1'))).toEqual([1, 1]);
    expect(await shardsVisited(() => store.read('Organization', 'org-3'))).toEqual([1, 1]);
    const own = await shardsVisited(() => search('Condition', 'code=44054006', { compartments: ['p1'] }));
    expect(own.every((n) => n === 1)).toBe(true);
  });

  it('searches a professional’s shares on the shards of those records only', async () => {
    const scope = { compartments: [], parts: [{ compartment: 'p1', resourceTypes: ['Condition'] }, { compartment: 'p3', resourceTypes: ['Condition'] }] };
    const found = await search('Condition', 'code=44054006', scope);
    expect(found.resources.map((r) => r.id).sort()).toEqual(['c1', 'c3']);
    const visited = await shardsVisited(() => search('Condition', 'code=44054006', scope));
    expect(Math.max(...visited)).toBeLessThanOrEqual(2);
  });

  it('spreads the shared directory over several shards, and finds all of it', async () => {
    const { rows }: { rows: Array<{ shards: number }> } = await pool.query(
      "SELECT count(DISTINCT get_shard_id_for_distribution_column('resources', compartment))::int AS shards FROM resources WHERE resource_type = 'Organization'",
    );
    expect(rows[0]!.shards).toBeGreaterThan(2);
    const directory = await search('Organization', '', { compartments: [''] });
    expect(directory.total).toBe(24);
    expect(directory.resources.every((r) => r.compartment === '')).toBe(true);
  });

  it('gives an NHS number to one record only, across shards', async () => {
    await store.commit([create(patient('n1', '9434765919'), 'n1')], t0);
    const error = await store.commit([create(patient('n2', '9434765919'), 'n2')], t0).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).code).toBe('conflict');
    expect(await store.read('Patient', 'n2')).toBeUndefined();
    // Deleting the first record frees its number.
    await store.commit([{ kind: 'delete', resourceType: 'Patient', id: 'n1' }], t0);
    await store.commit([create(patient('n2', '9434765919'), 'n2')], t0);
  });
});

describeCitus(citusUp, 'a PostgreSQL database restored into Citus', () => {
  it('is migrated, then distributed with every row, and every resource reads back', async () => {
    const target = await createCitusSchema('restored');
    const schema = new URL(target.url).searchParams.get('options')!.match(/search_path=(\w+)/)![1]!;
    // The dump made before versioned migrations (test/fixtures/pre-migration), as migrations.test.ts loads it.
    const dump = readFileSync(new URL('../fixtures/pre-migration/postgres.sql', import.meta.url), 'utf8')
      .replaceAll('premigration_fixture', schema)
      .replace(/^CREATE SCHEMA .*$/m, '')
      .replace(/^SET transaction_timeout = .*$/m, '');
    // Loaded on a connection of its own: the dump empties search_path for the rest of its session.
    const loader = new pg.Client({ connectionString: target.url });
    await loader.connect();
    await loader.query(dump);
    await loader.end();
    const pool = new pg.Pool({ connectionString: target.url, max: 2 });
    try {
      const before: Array<{ resource_type: string; id: string; version_id: string }> = (await pool.query(`SELECT resource_type, id, version_id FROM ${schema}.resources ORDER BY 1, 2`)).rows;
      expect(before.length).toBeGreaterThan(20);
      loadFhirDefinitions();
      const store = await openPostgresStore({ pool });
      const { rows } = await pool.query("SELECT count(*)::int AS n FROM public.citus_tables WHERE table_name::text IN ('resources', 'resource_locations', 'index_token')");
      expect(rows[0].n).toBe(3);
      for (const row of before) {
        const read = await store.read(row.resource_type, row.id);
        expect(read?.versionId, `${row.resource_type}/${row.id}`).toBe(String(row.version_id));
      }
    } finally {
      await pool.end();
      await target.drop();
    }
  }, 120_000);
});
