import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/errors.ts';
import { openPostgresStorage } from '../../src/store/postgres-store.ts';
import { openSqliteStorage } from '../../src/store/sqlite-store.ts';
import type { Storage } from '../../src/store/storage.ts';
import { rawDatabase, type RawDatabase } from '../support/injected-failure.ts';
import { createTestSchema, describeOnStore, postgresReachable } from '../support/postgres.ts';

const pgUp = await postgresReachable();
const now = new Date('2026-11-30T12:00:00Z');
let n = 0;
const patient = (): Patient & { id: string } => ({ resourceType: 'Patient', id: `uow-${++n}`, name: [{ family: `Person ${n}` }] });
const createPatient = (storage: Storage, p: Patient & { id: string }) => storage.records.commit([{ kind: 'create', resource: p, compartment: p.id }], now);

for (const kind of ['sqlite', 'postgres'] as const) {
  describeOnStore(kind, pgUp, `one unit of work across the record and the accounts (${kind})`, () => {
    let storage: Storage;
    let raw: RawDatabase;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      if (kind === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'redbag-uow-'));
        const file = join(dir, 'redbag.sqlite');
        storage = await openSqliteStorage({ file });
        raw = rawDatabase({ sqliteFile: file });
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const schema = await createTestSchema('uow');
        const pool = new pg.Pool({ connectionString: schema.url, max: 4 });
        storage = await openPostgresStorage({ pool });
        raw = rawDatabase({ postgresUrl: schema.url });
        cleanup = async () => {
          await pool.end();
          await schema.drop();
        };
      }
    });
    afterAll(async () => {
      await storage.close();
      await raw.close();
      await cleanup();
    });

    it('commits a record write and an account together, readable on another connection once it resolves', async () => {
      const p = patient();
      const account = await storage.transaction(async (tx) => {
        await tx.records.commit([{ kind: 'create', resource: p, compartment: p.id }], now);
        // Inside, the unit sees its own writes.
        expect((await tx.records.read('Patient', p.id))?.deleted).toBe(false);
        return tx.accounts.createAccount({ email: `${p.id}@example.org`, passwordHash: 'x', patientId: p.id });
      });
      expect(await raw.count('resources', `id = '${p.id}'`)).toBe(1);
      expect(await raw.count('accounts', `id = '${account.id}'`)).toBe(1);
    });

    it('keeps nothing when a real constraint fails half way (an email already taken)', async () => {
      const taken = patient();
      await storage.transaction(async (tx) => {
        await tx.records.commit([{ kind: 'create', resource: taken, compartment: taken.id }], now);
        await tx.accounts.createAccount({ email: 'taken@example.org', passwordHash: 'x', patientId: taken.id });
      });
      const before = await raw.snapshot();
      const p = patient();
      const attempt = storage.transaction(async (tx) => {
        await tx.records.commit([{ kind: 'create', resource: p, compartment: p.id }], now);
        await tx.invitations.addCarerLink('someone', p.id);
        await tx.accounts.createAccount({ email: 'TAKEN@example.org', passwordHash: 'x', patientId: p.id });
      });
      await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
      expect(await raw.snapshot()).toEqual(before);
      expect(await storage.records.read('Patient', p.id)).toBeUndefined();
    });

    it('keeps nothing when the work itself throws after writing everywhere', async () => {
      const before = await raw.snapshot();
      const p = patient();
      await expect(
        storage.transaction(async (tx) => {
          await createPatient(storage, p); // through the ordinary object: it joins the unit
          await tx.notifications.enqueueMessages([{ id: `m-${p.id}`, noticeKey: 'k', recipient: 'r@example.org', subject: 's', body: 'b', createdAt: now.toISOString(), nextAttemptAt: now.toISOString() }]);
          await tx.links.addRevocation('kid', 'rid', now.toISOString());
          throw new FhirError('invalid', 'changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await raw.snapshot()).toEqual(before);
    });

    it('closes an account and ends its sessions together: a failing second statement leaves both as they were', async () => {
      const p = patient();
      const account = await storage.accounts.createAccount({ email: `${p.id}@example.org`, passwordHash: 'x', patientId: '' });
      await storage.accounts.createSession({ id: `s-${p.id}`, accountId: account.id, patientId: '', createdAt: now.toISOString(), expiresAt: '2099-01-01T00:00:00Z' });
      const stop = await raw.failOn('sessions', 'UPDATE');
      await expect(storage.accounts.disableAccount(account.id, now.toISOString())).rejects.toThrow(/injected failure/);
      await stop();
      expect((await storage.accounts.findAccountById(account.id))?.disabledAt).toBeUndefined();
      expect((await storage.accounts.findSession(`s-${p.id}`))?.revoked).toBe(false);
      await storage.accounts.disableAccount(account.id, now.toISOString());
      expect((await storage.accounts.findAccountById(account.id))?.disabledAt).toBe(now.toISOString());
      expect((await storage.accounts.findSession(`s-${p.id}`))?.revoked).toBe(true);
    });

    it('a step that fails inside a unit is undone alone (a savepoint) and the unit still commits', async () => {
      const kept = patient();
      const undone = patient();
      const stop = await raw.failOn('outbox', 'INSERT');
      await storage.transaction(async (tx) => {
        await createPatient(storage, kept);
        const failed = await storage
          .transaction(async (inner) => {
            await inner.records.commit([{ kind: 'create', resource: undone, compartment: undone.id }], now);
            await inner.notifications.enqueueMessages([{ id: `m-${undone.id}`, noticeKey: 'k2', recipient: 'r@example.org', subject: 's', body: 'b', createdAt: now.toISOString(), nextAttemptAt: now.toISOString() }]);
          })
          .catch((err: Error) => err.message);
        expect(failed).toMatch(/injected failure/);
        // After the failed step the unit goes on: on PostgreSQL only a savepoint makes that possible.
        await tx.accounts.createAccount({ email: `${kept.id}@example.org`, passwordHash: 'x', patientId: kept.id });
      });
      await stop();
      expect(await raw.count('resources', `id = '${kept.id}'`)).toBe(1);
      expect(await raw.count('accounts', `patient_id = '${kept.id}'`)).toBe(1);
      expect(await raw.count('resources', `id = '${undone.id}'`)).toBe(0);
    });

    it('a write outside a unit that is waiting on something slow is neither held back nor rolled back with it', async () => {
      const inUnit = patient();
      const outside = patient();
      let release!: () => void;
      const waiting = new Promise<void>((resolve) => (release = resolve));
      const unit = storage.transaction(async () => {
        await createPatient(storage, inUnit);
        await waiting; // a real wait across turns of the event loop
        throw new Error('the unit fails after the wait');
      });
      // Not joined to the unit (a different async context), so it commits on its own.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const done = createPatient(storage, outside);
      setTimeout(release, 50);
      await expect(unit).rejects.toThrow('the unit fails after the wait');
      await done;
      expect(await raw.count('resources', `id = '${outside.id}'`)).toBe(1);
      expect(await raw.count('resources', `id = '${inUnit.id}'`)).toBe(0);
    });

    it('a read outside an open unit never sees what it wrote, and sees the last commit at once', async () => {
      const unwritten = patient();
      const committed = patient();
      let release!: () => void;
      const waiting = new Promise<void>((resolve) => (release = resolve));
      const unit = storage.transaction(async (tx) => {
        await tx.records.commit([{ kind: 'create', resource: unwritten, compartment: unwritten.id }], now);
        await waiting; // the unit's transaction stays open across turns of the event loop
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      // On SQLite the writing connection is in the unit's transaction: this read must not be made there.
      expect(await storage.records.read('Patient', unwritten.id)).toBeUndefined();
      release();
      await unit;
      expect((await storage.records.read('Patient', unwritten.id))?.deleted).toBe(false);
      // A read right after a commit sees it, on whichever connection it is made.
      await createPatient(storage, committed);
      expect((await storage.records.read('Patient', committed.id))?.deleted).toBe(false);
    });

    it('work that outlives its unit does not join it', async () => {
      const late = patient();
      let stray: Promise<unknown> | undefined;
      await storage.transaction(async () => {
        stray = new Promise((resolve) => setTimeout(resolve, 30)).then(() => createPatient(storage, late));
      });
      await stray;
      expect(await raw.count('resources', `id = '${late.id}'`)).toBe(1);
    });
  });
}
