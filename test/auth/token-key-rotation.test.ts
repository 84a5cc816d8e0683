import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { decodeProtectedHeader } from 'jose';
import { createTokenKeys } from '../../src/auth/token-keys.ts';
import type { AccountStore } from '../../src/store/port.ts';
import { startService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { buildAuthApp, newPerson, openBackend, postgresAvailable, testClock, testKeyring, tokenTtlSeconds, type Backend, type BackendKind } from './auth-harness.ts';

const pgUp = await postgresAvailable();
const root = new URL('../..', import.meta.url).pathname;

for (const kind of ['sqlite', 'postgres'] as BackendKind[]) {
  describe.skipIf(kind === 'postgres' && !pgUp)(`rotating the token secret (${kind})`, () => {
    let backend: Backend;
    let accounts: AccountStore;
    beforeAll(async () => {
      backend = await openBackend(kind);
      accounts = await backend.open();
    });
    afterAll(async () => {
      await accounts?.close();
      await backend?.cleanup();
    });

    it('signs no one out: tokens made before still work on every instance, new ones carry the new kid', async () => {
      const clock = testClock();
      const before = buildAuthApp(accounts, { clock });
      const person = newPerson();
      await request(before.app).post('/auth/register').send(person).expect(201);
      const first = await request(before.app).post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
      const oldToken = { Authorization: `Bearer ${first.body.access_token}` };
      expect(decodeProtectedHeader(first.body.access_token).kid).toBe('initial');

      const newKid = await createTokenKeys({ accounts, keyring: testKeyring, purpose: 'person', clock: clock.now, tokenTtlSeconds }).rotate(clock.now());
      const after = buildAuthApp(accounts, { clock }); // an instance started after the rotation
      const second = await request(after.app).post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
      expect(decodeProtectedHeader(second.body.access_token).kid).toBe(newKid);
      await request(after.app).get('/auth/me').set(oldToken).expect(200);
      await new Promise((r) => setTimeout(r, 1100)); // an instance looks for keys it has not seen at most once a second
      await request(before.app).get('/auth/me').set('Authorization', `Bearer ${second.body.access_token}`).expect(200);
      clock.advance(tokenTtlSeconds);
      await request(after.app).get('/auth/me').set(oldToken).expect(401); // its lifetime is over
    });

    it('accepts a retired secret for a token’s lifetime after the rotation, and not after', async () => {
      const clock = testClock('2031-03-01T00:00:00Z');
      const keys = () => createTokenKeys({ accounts, keyring: testKeyring, purpose: 'backend', clock: clock.now, tokenTtlSeconds: 300 });
      const oldKid = (await keys().signing()).kid;
      await keys().rotate(clock.now());
      clock.advance(300 + 29);
      expect(await keys().verifying(oldKid)).toBeDefined();
      clock.advance(2);
      expect(await keys().verifying(oldKid)).toBeUndefined();
      expect(await keys().verifying('a-kid-never-made')).toBeUndefined();
    });
  });
}

describe('npm run keys:rotate -- --tokens', () => {
  it('rotates both token secrets of the configured store, and a running instance keeps its people signed in', async () => {
    // No SECRET_KEY: the service keeps its key file in DATA_DIR, where the command finds it.
    const svc = await startService('sqlite', { SECRET_KEY: '' });
    try {
      const person = await signUp(svc.url, 'Andrew', 'Hill');
      const run = spawnSync(process.execPath, [join(root, 'scripts/rotate-keys.ts'), '--tokens'], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: svc.dataDir },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^New token secrets \S+ \(people\) and \S+ \(hospital systems\)/);
      expect((await svc.service.stores.accounts.listTokenKeys('person')).map((k) => Boolean(k.retiredAt))).toEqual([true, false]);
      await request(svc.url).get('/auth/me').set(person.auth).expect(200);
    } finally {
      await svc.stop();
    }
  });
});
