import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/errors.ts';
import type { AccountStore } from '../../src/store/port.ts';
import { openBackend, postgresAvailable, type Backend, type BackendKind } from './auth-harness.ts';
import { describeOnStore } from '../support/postgres.ts';

const pgUp = await postgresAvailable();

for (const kind of ['sqlite', 'postgres'] as BackendKind[]) {
  describeOnStore(kind, pgUp, `the account store (${kind})`, () => {
    let backend: Backend;
    let accounts: AccountStore;
    beforeEach(async () => {
      backend = await openBackend(kind);
      accounts = await backend.open();
    });
    afterEach(async () => {
      await accounts?.close();
      await backend?.cleanup();
    });

    const session = (accountId: string, id: string, createdAt: string, expiresAt: string) => ({ id, accountId, patientId: 'p1', createdAt, expiresAt });

    it('keeps emails lower-case and unique whatever their case', async () => {
      const created = await accounts.createAccount({ email: 'Ann.Lee@Example.ORG', passwordHash: 'h', patientId: 'p1', name: { given: 'Ann', family: 'Lee' } });
      expect(created.email).toBe('ann.lee@example.org');
      expect(await accounts.findAccountByEmail('ANN.LEE@example.org')).toEqual(created);
      expect(await accounts.findAccountById(created.id)).toEqual(created);
      const duplicate = await accounts.createAccount({ email: 'ann.lee@EXAMPLE.org', passwordHash: 'h', patientId: 'p2' }).catch((e: unknown) => e);
      expect(duplicate).toBeInstanceOf(FhirError);
      expect((duplicate as FhirError).code).toBe('conflict');
      expect(await accounts.findAccountByEmail('nobody@example.org')).toBeUndefined();
    });

    it('an account made without a name has none, and a new password replaces the old', async () => {
      const created = await accounts.createAccount({ email: 'no.name@example.org', passwordHash: 'old', patientId: 'p1' });
      expect(created.name).toBeUndefined();
      await accounts.updatePassword(created.id, 'new');
      expect(await accounts.findAccountById(created.id)).toEqual({ ...created, passwordHash: 'new' });
    });

    it('revokes one session, or all of an account’s but one', async () => {
      const a = randomUUID();
      for (const id of ['s1', 's2', 's3']) await accounts.createSession(session(a, id, '2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z'));
      await accounts.createSession(session('someone-else', 's4', '2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z'));
      expect(await accounts.findSession('s1')).toEqual({ id: 's1', accountId: a, patientId: 'p1', expiresAt: '2030-01-02T00:00:00.000Z', revoked: false, caresFor: [] });
      await accounts.revokeSession('s1', '2030-01-01T01:00:00.000Z');
      expect((await accounts.findSession('s1'))?.revoked).toBe(true);
      await accounts.revokeOtherSessions(a, 's2', '2030-01-01T02:00:00.000Z');
      expect((await accounts.findSession('s2'))?.revoked).toBe(false);
      expect((await accounts.findSession('s3'))?.revoked).toBe(true);
      expect((await accounts.findSession('s4'))?.revoked).toBe(false);
      expect(await accounts.findSession('missing')).toBeUndefined();
    });

    it('a professional’s session comes with her account, as it is now; a person’s with none', async () => {
      const professional = { practitionerRoleId: 'role-1', practitionerId: 'pr-1', organizationId: 'org-1', role: 'discharge-coordinator' as const };
      const sam = await accounts.createAccount({ email: 'sam@example.org', passwordHash: 'h', patientId: '', kind: 'professional', name: { given: 'Sam', family: 'Patel' }, professional });
      const person = await accounts.createAccount({ email: 'rina@example.org', passwordHash: 'h', patientId: 'p1' });
      await accounts.createSession({ id: 'pro', accountId: sam.id, patientId: '', createdAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-02T00:00:00.000Z' });
      await accounts.createSession({ id: 'own', accountId: person.id, patientId: 'p1', createdAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-02T00:00:00.000Z' });
      expect(await accounts.findSession('pro')).toEqual({ id: 'pro', accountId: sam.id, patientId: '', expiresAt: '2030-01-02T00:00:00.000Z', revoked: false, account: sam });
      expect(await accounts.findSession('own')).toEqual({ id: 'own', accountId: person.id, patientId: 'p1', expiresAt: '2030-01-02T00:00:00.000Z', revoked: false, caresFor: [] });
      // Closed since she signed in: the session says so at once (and is ended with it).
      await accounts.disableAccount(sam.id, '2030-01-01T01:00:00.000Z');
      const closed = await accounts.findSession('pro');
      expect(closed?.account?.disabledAt).toBe('2030-01-01T01:00:00.000Z');
      expect(closed?.revoked).toBe(true);
    });

    it('a person’s session comes with the records she cares for, as they are now; a professional’s with none', async () => {
      const doris = await accounts.createAccount({ email: 'doris@example.org', passwordHash: 'h', patientId: 'doris' });
      await accounts.createSession({ id: 'd', accountId: doris.id, patientId: 'doris', createdAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-02T00:00:00.000Z' });
      expect((await accounts.findSession('d'))?.caresFor).toEqual([]);
      await accounts.addCarerLink(doris.id, 'russell');
      await accounts.addCarerLink(doris.id, 'aisha');
      await accounts.addCarerLink('someone-else', 'andrew');
      expect(await accounts.findSession('d')).toEqual({
        id: 'd',
        accountId: doris.id,
        patientId: 'doris',
        expiresAt: '2030-01-02T00:00:00.000Z',
        revoked: false,
        caresFor: expect.arrayContaining(['russell', 'aisha']),
      });
      expect((await accounts.findSession('d'))?.caresFor).toHaveLength(2);
      const sam = await accounts.createAccount({ email: 'sam2@example.org', passwordHash: 'h', patientId: '', kind: 'professional', professional: { practitionerRoleId: 'r', practitionerId: 'p', organizationId: 'o', role: 'coordinator' } });
      await accounts.addCarerLink(sam.id, 'russell'); // never made for a professional; ignored if it were
      await accounts.createSession({ id: 'sam', accountId: sam.id, patientId: '', createdAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-02T00:00:00.000Z' });
      expect(await accounts.findSession('sam')).toEqual({ id: 'sam', accountId: sam.id, patientId: '', expiresAt: '2030-01-02T00:00:00.000Z', revoked: false, account: sam });
    });

    it('a new sign-in tidies away the account’s sessions that have ended', async () => {
      const a = randomUUID();
      await accounts.createSession(session(a, 'old', '2030-01-01T00:00:00.000Z', '2030-01-01T12:00:00.000Z'));
      await accounts.createSession(session(a, 'live', '2030-01-01T06:00:00.000Z', '2030-01-02T06:00:00.000Z'));
      await accounts.createSession(session(a, 'new', '2030-01-01T13:00:00.000Z', '2030-01-02T13:00:00.000Z'));
      expect(await accounts.findSession('old')).toBeUndefined();
      expect(await accounts.findSession('live')).toBeDefined();
    });

    it('makes a secret once and gives the same one back after a restart', async () => {
      const secret = await accounts.getOrCreateSecret('token-signing-key');
      expect(secret).toMatch(/^[\w-]{43}$/); // 32 random bytes
      expect(await accounts.getOrCreateSecret('token-signing-key', () => 'never used')).toBe(secret);
      expect(await accounts.getOrCreateSecret('another-secret')).not.toBe(secret);
      await accounts.close();
      accounts = await backend.open();
      expect(await accounts.getOrCreateSecret('token-signing-key')).toBe(secret);
    });

    it('opens a database made before accounts kept names, keeping its accounts', async () => {
      await accounts.close();
      await backend.raw('DROP TABLE accounts');
      await backend.raw('DROP TABLE schema_migrations'); // a database that old had no migrations either
      await backend.raw(`CREATE TABLE accounts (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, patient_id TEXT NOT NULL, created_at TEXT NOT NULL)`);
      await backend.raw(`INSERT INTO accounts VALUES ('a1', 'old@example.org', 'h', 'p1', '2025-01-01T00:00:00.000Z')`);
      accounts = await backend.open();
      expect(await accounts.findAccountByEmail('old@example.org')).toEqual({ id: 'a1', kind: 'person', email: 'old@example.org', passwordHash: 'h', patientId: 'p1' });
      const named = await accounts.createAccount({ email: 'new@example.org', passwordHash: 'h', patientId: 'p2', name: { given: 'Nia', family: 'Cole' } });
      expect((await accounts.findAccountById(named.id))?.name).toEqual({ given: 'Nia', family: 'Cole' });
      await accounts.close();
      accounts = await backend.open(); // and opening it again changes nothing
      expect((await accounts.findAccountById(named.id))?.name).toEqual({ given: 'Nia', family: 'Cole' });
    });
  });
}
