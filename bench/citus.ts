/**
 * node bench/citus.ts [--people 1000] [--reads 200]
 *
 * The same store code on plain PostgreSQL (a schema on 127.0.0.1:5432) and on the local Citus
 * cluster (a schema on the coordinator, 127.0.0.1:5441; ../shared/citus/start-cluster.sh), same data:
 * N people, each a Patient, 10 Conditions and a share (Consent) with one of 20 organisations, and
 * 200 directory Organizations. Medians of one client, one operation at a time, after a warm-up:
 * - read by id (a person's Condition; a directory Organization),
 * - a person's search in her own record (Condition?code=…, with the total),
 * - a professional's search across the shares naming her organisation: finding those shares among
 *   every record (loadGrants), then Condition?code=… within the records they open.
 * Prints a Markdown table (README, "Scale out") and writes bench/results/citus-<date>.json.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parseSearchRequest } from '@medplum/core';
import pg from 'pg';
import type { Actor } from '../src/access/actor.ts';
import { searchScope } from '../src/access/search-scope.ts';
import { shareConsent } from '../src/access/share-consent.ts';
import { loadFhirDefinitions } from '../src/fhir/definitions.ts';
import { loadGrants } from '../src/record/load-grants.ts';
import { openPostgresStore } from '../src/store/postgres-store.ts';
import type { Store, StoreSearch, Write } from '../src/store/store.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '1000' }, reads: { type: 'string', default: '200' } } });
const people = Number(values.people);
const reads = Number(values.reads);
const targets = {
  postgres: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  citus: process.env.BENCH_CITUS_URL ?? 'postgresql://postgres@127.0.0.1:5441/postgres',
};
const codes = ['44054006', '38341003', '195967001', '13645005', '73211009'];
const organisations = 20;

async function onSchema<T>(base: string, work: (store: Store, pool: pg.Pool) => Promise<T>): Promise<T> {
  const schema = `bench_citus_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  // On Citus, what README's set-up says: keep connections to the workers between queries.
  url.searchParams.set('options', `-c search_path=${schema}${base === targets.citus ? ' -c citus.max_cached_conns_per_worker=8' : ''}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  try {
    return await work(await openPostgresStore({ pool }), pool);
  } finally {
    await pool.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

async function load(store: Store, pool: pg.Pool): Promise<number> {
  const started = performance.now();
  const now = new Date();
  const directory: Write[] = Array.from({ length: 200 }, (_, n) => ({ kind: 'create', resource: { resourceType: 'Organization', id: `org-${n}`, name: `Surgery ${n}` }, compartment: '' }));
  await store.commit(directory, now);
  for (let start = 0; start < people; start += 50) {
    const writes: Write[] = [];
    for (let n = start; n < Math.min(people, start + 50); n++) {
      const p = `p${n}`;
      writes.push({ kind: 'create', resource: { resourceType: 'Patient', id: p, name: [{ family: `Family${n}`, given: ['Ann'] }], birthDate: '1950-01-01' }, compartment: p });
      for (let c = 0; c < 10; c++) {
        const resource = { resourceType: 'Condition' as const, id: `${p}-c${c}`, code: { coding: [{ system: 'http://snomed.info/sct', code: codes[(n + c) % codes.length]! }] }, subject: { reference: `Patient/${p}` }, onsetDateTime: `20${10 + c}-01-01` };
        writes.push({ kind: 'create', resource, compartment: p });
      }
      const consent = shareConsent({ patientId: p, grantee: `Organization/org-${n % organisations}`, resourceTypes: ['Condition'], start: '2026-01-01', end: '2099-01-01', now });
      writes.push({ kind: 'create', resource: { ...consent, id: `${p}-share` }, compartment: p });
    }
    await store.commit(writes, now);
  }
  await pool.query('ANALYZE');
  return Math.round((performance.now() - started) / 100) / 10;
}

async function median(times: number, op: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await op(i); // warm-up
  const taken: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await op(i);
    taken.push(performance.now() - started);
  }
  taken.sort((a, b) => a - b);
  return Math.round(taken[Math.floor(taken.length / 2)]! * 100) / 100;
}

const search = (store: Store, query: string, scope: StoreSearch['scope']) =>
  store.search({ resourceType: 'Condition', filters: parseSearchRequest(`Condition?${query}`).filters ?? [], sort: [], count: 20, offset: 0, total: true, scope });

async function measure(store: Store) {
  const person = (i: number) => `p${(i * 7919) % people}`;
  const professional: Actor = { kind: 'professional', accountId: 'a', practitionerRoleId: 'role', practitionerId: 'prac', organizationId: 'org-3', role: 'discharge-coordinator' };
  const deps = { store, validator: { validate: () => [] }, clock: () => new Date(), newId: () => crypto.randomUUID() };
  const grants = await loadGrants(deps, professional);
  const shared = searchScope(professional, 'Condition', grants);
  return {
    readCondition: await median(reads, (i) => store.read('Condition', `${person(i)}-c${i % 10}`)),
    readOrganization: await median(reads, (i) => store.read('Organization', `org-${i % 200}`)),
    ownSearch: await median(reads, (i) => search(store, `code=${codes[i % codes.length]}`, { compartments: [person(i)] })),
    findShares: await median(Math.min(reads, 50), () => loadGrants(deps, professional)),
    sharedSearch: await median(Math.min(reads, 50), (i) => search(store, `code=${codes[i % codes.length]}`, shared)),
    sharedRecords: grants.length,
  };
}

loadFhirDefinitions();
const results: Record<string, unknown> = {};
for (const [name, url] of Object.entries(targets)) {
  results[name] = await onSchema(url, async (store, pool) => ({ loadSeconds: await load(store, pool), ...(await measure(store)) }));
  console.error(name, results[name]);
}
const at = new Date().toISOString();
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0]!.toFixed(1)} at the end`;
writeFileSync(new URL(`results/citus-${at.slice(0, 16).replace(/:/g, '')}-${people}.json`, import.meta.url), `${JSON.stringify({ at, machine, people, reads, results }, null, 2)}\n`);
const rows: Array<[string, string]> = [
  ['read by id: a Condition in a person’s record', 'readCondition'],
  ['read by id: a directory Organization', 'readOrganization'],
  ['a person’s search of her own record (Condition?code, with total)', 'ownSearch'],
  ['a professional: finding the shares naming her organisation', 'findShares'],
  ['a professional: Condition?code across those shared records', 'sharedSearch'],
];
const r = results as Record<string, Record<string, number>>;
console.log(`${at}, ${machine}, ${people} people × 12 resources, median ms of one client\n`);
console.log('| operation | PostgreSQL | Citus (coordinator + 2 workers) |\n|---|---|---|');
for (const [label, key] of rows) console.log(`| ${label} | ${r.postgres![key]} | ${r.citus![key]} |`);
console.log(`| loading (s) | ${r.postgres!.loadSeconds} | ${r.citus!.loadSeconds} |`);
console.log(`\nshared records found: ${r.postgres!.sharedRecords} / ${r.citus!.sharedRecords}`);
