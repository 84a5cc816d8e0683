import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Actor } from '../src/access/actor.ts';
import { shareConsent } from '../src/access/share-consent.ts';
import { loadGrants } from '../src/record/load-grants.ts';
import { openPostgresStore } from '../src/store/postgres-store.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { Store, Write } from '../src/store/store.ts';

/**
 * What a professional's every search costs first: finding the shares that name her organisation
 * among every person's Consents (one per person here, 1 in 100 naming hers). Median of 20 lookups.
 */
export async function benchShareLookup(kind: 'sqlite' | 'postgres', consents: number, postgresUrl: string): Promise<{ consents: number; found: number; medianMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-bench-shares-'));
  const schema = `bench_shares_${process.pid}`;
  let store: Store;
  let pool: pg.Pool | undefined;
  if (kind === 'sqlite') store = await openSqliteStore({ file: join(dir, 'redbag.sqlite') });
  else {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    pool = new pg.Pool({ connectionString: url.toString() });
    store = await openPostgresStore({ pool });
  }
  try {
    const now = new Date();
    for (let start = 0; start < consents; start += 1000) {
      const writes: Write[] = [];
      for (let n = start; n < Math.min(consents, start + 1000); n++) {
        const p = `p${n}`;
        const grantee = n % 100 === 0 ? 'Organization/northgate' : `Organization/other-${n % 50}`;
        writes.push({ kind: 'create', resource: { resourceType: 'Patient', id: p, name: [{ family: `F${n}` }], birthDate: '1950-01-01' }, compartment: p });
        writes.push({ kind: 'create', resource: { ...shareConsent({ patientId: p, grantee, resourceTypes: ['CarePlan'], start: '2026-01-01', end: '2099-01-01', now }), id: `share-${n}` }, compartment: p });
      }
      await store.commit(writes, now);
    }
    if (pool) await pool.query('ANALYZE');
    const coordinator: Actor = { kind: 'professional', accountId: 'a', practitionerRoleId: 'role', practitionerId: 'prac', organizationId: 'northgate', role: 'discharge-coordinator' };
    const deps = { store, validator: { validate: () => [] }, clock: () => new Date(), newId: () => crypto.randomUUID() };
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      found = (await loadGrants(deps, coordinator)).length;
      if (i > 0) times.push(performance.now() - started); // the first warms the caches
    }
    times.sort((a, b) => a - b);
    return { consents, found, medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 };
  } finally {
    await store.close();
    if (pool) {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
