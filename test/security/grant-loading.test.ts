import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consent } from '@medplum/fhirtypes';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { loadGrants } from '../../src/record/load-grants.ts';
import type { RecordDeps } from '../../src/record/deps.ts';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestSchema } from '../support/postgres.ts';
import { stores } from './security-harness.ts';

/**
 * Issue 13: grant loading is total. Shares stored before Consents were checked (or put in the
 * store around the API) — a leap second, a nested deny, provision.data — grant nothing, are logged
 * by id with the element at fault (never their content), and the good shares beside them still count.
 */
describe.each(stores)('loading the shares of an organisation with bad rows among them (%s)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const coordinator: Actor = { kind: 'professional', accountId: 'a', practitionerRoleId: 'role', practitionerId: 'prac', organizationId: 'northgate', role: 'discharge-coordinator' };
  const now = new Date();

  beforeAll(async () => {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'redbag-grants-'));
      store = await openSqliteStore({ file: join(dir, 'redbag.sqlite') });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = await createTestSchema('grants');
      const pool = new pg.Pool({ connectionString: schema.url });
      store = await openPostgresStore({ pool });
      cleanup = async () => {
        await pool.end();
        await schema.drop();
      };
    }
    const share = (patientId: string, id: string, change: (c: Consent) => void = () => {}) => {
      const consent = { ...shareConsent({ patientId, grantee: 'Organization/northgate', resourceTypes: ['Goal'], start: '2026-01-01', end: '2099-12-31', now }), id };
      change(consent);
      return { kind: 'create' as const, resource: consent, compartment: patientId };
    };
    await store.commit([
      share('andrew', 'good'),
      share('eve', 'leap', (c) => {
        c.provision!.period = { start: '2026-01-01', end: '2099-12-31T23:59:60Z' };
      }),
      share('eve', 'nested', (c) => {
        c.provision!.provision = [{ type: 'deny' }];
      }),
      share('rina', 'data', (c) => {
        c.provision!.data = [{ meaning: 'instance', reference: { reference: 'Goal/1' } }];
      }),
    ], now);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('only the good share counts, each bad one is logged by id, and nothing throws', async () => {
    const deps = {
      store,
      validator: { validate: () => [] },
      clock: () => now,
      newId: () => 'x',
      logger: { warn: (fields: Record<string, unknown>, message: string) => void warnings.push({ fields, message }) },
    } as unknown as RecordDeps;
    const grants = await loadGrants(deps, coordinator);
    expect(grants.map((g) => g.source)).toEqual(['Consent/good']);
    expect(warnings.map((w) => [w.fields.consent, w.fields.problems]).sort()).toEqual([
      ['data', ['Consent.provision.data']],
      ['leap', ['Consent.provision.period.end']],
      ['nested', ['Consent.provision.provision']],
    ]);
    expect(JSON.stringify(warnings)).not.toMatch(/Goal|andrew|eve|rina/);
  });
});
