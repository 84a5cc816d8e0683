import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { createTestSchema, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp, type SignedIn } from '../support/people.ts';
import { isSealed } from '../../src/secrets/keyring.ts';
import { purposes } from '../../src/secrets/seal-stored-secrets.ts';
import { copySqlite, readPostgres, runSql, type Cells } from './database-copy.ts';

/**
 * Issue 13, finding 7: "the bearer-token signing secret and the card signing keys sit in the same
 * database as the sessions, so a copy of the database mints live tokens". Each store is copied
 * (or read) as a thief would, and every text in it is tried as the token secret: all refused.
 */
const pgUp = await postgresReachable();
const stores = pgUp ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
if (!pgUp) process.stderr.write('PostgreSQL is not reachable: the PostgreSQL half of the secrets-at-rest tests is skipped.\n');
const root = new URL('../..', import.meta.url).pathname;
const secretKey = 'the secret key of this test service, kept apart';

/** A service on a store the test can read behind its back: its own data folder, or its own PostgreSQL schema. */
async function serviceOnKnownStore(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-secrets-'));
  const schema = kind === 'postgres' ? await createTestSchema('secrets') : undefined;
  const storeEnv: Record<string, string> = schema ? { DATABASE_URL: schema.url, DATA_DIR: dataDir } : { DATA_DIR: dataDir };
  return {
    start: (extra: Record<string, string> = {}) => startService('sqlite', { SECRET_KEY: secretKey, ...env, ...storeEnv, ...extra }),
    read: (): Promise<Cells> => (schema ? readPostgres(schema.schema) : Promise.resolve(copySqlite(join(dataDir, 'redbag.sqlite')))),
    target: schema ? { schema: schema.schema } : { sqliteFile: join(dataDir, 'redbag.sqlite') },
    remove: async () => {
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Makes every secret exist: a person's token, a card (issuer key and revocation secret), a look at a hospital system's token. */
async function exerciseEverySecret(svc: RunningService): Promise<SignedIn> {
  const person = await signUp(svc.url, 'Aisha', 'Khan');
  await request(svc.url).post(`/fhir/Patient/${person.patientId}/$health-cards-issue`).set(person.auth).set('Content-Type', 'application/fhir+json').send({ resourceType: 'Parameters' }).expect(200);
  await request(svc.url).get('/auth/me').set('Authorization', 'Bearer not.a.token').expect(401);
  return person;
}

/** A token with the same claims and header as a real one, signed with `key`. */
const mint = (real: string, key: Uint8Array): Promise<string> =>
  new SignJWT(decodeJwt(real)).setProtectedHeader({ ...decodeProtectedHeader(real), alg: 'HS256' }).sign(key);

describe.each(stores)('a copy of the database gives away no usable secret (%s)', (kind) => {
  let store: Awaited<ReturnType<typeof serviceOnKnownStore>>;
  let svc: RunningService;
  let person: SignedIn;
  beforeAll(async () => {
    store = await serviceOnKnownStore(kind);
    svc = await store.start();
    person = await exerciseEverySecret(svc);
  });
  afterAll(async () => {
    await svc?.stop();
    await store?.remove();
  });

  it('no text in it signs a token the service accepts (and the real secret, opened with SECRET_KEY, would)', async () => {
    const cells = await store.read();
    const candidates = [...new Set(cells.map((c) => c.value))].filter((v) => v.length >= 16);
    expect(candidates.length).toBeGreaterThan(5);
    let accepted = 0;
    for (const value of candidates) {
      for (const key of [Buffer.from(value, 'base64url'), Buffer.from(value, 'utf8')]) {
        if (key.length === 0) continue;
        const forged = await mint(person.token, key);
        if ((await request(svc.url).get('/auth/me').set('Authorization', `Bearer ${forged}`)).status === 200) accepted += 1;
      }
    }
    expect(accepted).toBe(0);
    // The same attempt with the secret as SECRET_KEY opens it: the test can tell a usable secret.
    const kid = String(decodeProtectedHeader(person.token).kid);
    const row = (await svc.service.stores.accounts.listTokenKeys('person')).find((k) => k.kid === kid)!;
    expect(candidates).toContain(row.secret); // what was tried above included the sealed secret itself
    const opened = await svc.service.keyring.unseal(purposes.tokenKey('person', kid), row.secret);
    await request(svc.url).get('/auth/me').set('Authorization', `Bearer ${await mint(person.token, Buffer.from(opened, 'base64url'))}`).expect(200);
  });

  it('holds no card private key: every stored secret is sealed, and nothing in it is a private JSON Web Key', async () => {
    const cells = await store.read();
    const secretCells = cells.filter((c) => (c.table === 'token_keys' && c.column === 'secret') || (c.table === 'issuer_keys' && c.column === 'private_jwk') || (c.table === 'service_secrets' && c.column === 'value'));
    expect(secretCells.map((c) => c.table).sort()).toEqual(['issuer_keys', 'service_secrets', 'token_keys', 'token_keys']);
    for (const cell of secretCells) expect(isSealed(cell.value)).toBe(true);
    const privateJwks = cells.filter((c) => {
      try {
        return typeof (JSON.parse(c.value) as { d?: unknown }).d === 'string';
      } catch {
        return false;
      }
    });
    expect(privateJwks).toEqual([]);
  });
});

describe.each(stores)('a database from before SECRET_KEY (%s)', (kind) => {
  it('has its plaintext secrets sealed in place at the first start, and tokens and cards made before keep working', async () => {
    const store = await serviceOnKnownStore(kind);
    try {
      const before = await store.start();
      const person = await exerciseEverySecret(before);
      const kids = (await request(before.url).get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
      // Put the secrets back in plain text, where the version before this one kept them.
      const cells = await store.read();
      const keyring = before.service.keyring;
      const sealedTokenSecret = (await before.service.stores.accounts.listTokenKeys('person'))[0]!.secret;
      const tokenSecret = await keyring.unseal(purposes.tokenKey('person', 'initial'), sealedTokenSecret);
      const issuer = cells.find((c) => c.table === 'issuer_keys' && c.column === 'private_jwk')!;
      const jwk = await keyring.unseal(purposes.issuerKey(kids[0]), issuer.value);
      await before.stop();
      await runSql(store.target, [
        ['DELETE FROM token_keys', []],
        ['INSERT INTO service_secrets (name, value) VALUES (?, ?)', ['token-signing-key', tokenSecret]],
        ['UPDATE issuer_keys SET private_jwk = ?', [jwk]],
      ]);
      // A token as the older version made it: no kid.
      const { kid: _kid, ...header } = decodeProtectedHeader(person.token);
      const oldToken = await new SignJWT(decodeJwt(person.token)).setProtectedHeader({ ...header, alg: 'HS256' }).sign(Buffer.from(tokenSecret, 'base64url'));

      const after = await store.start();
      try {
        const now = await store.read();
        expect(now.filter((c) => c.value === tokenSecret || c.value === jwk)).toEqual([]);
        expect(now.some((c) => c.table === 'service_secrets' && c.value === 'token-signing-key')).toBe(false);
        await request(after.url).get('/auth/me').set(person.auth).expect(200);
        await request(after.url).get('/auth/me').set('Authorization', `Bearer ${oldToken}`).expect(200);
        const published = (await request(after.url).get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
        expect(published).toEqual(kids);
        await request(after.url).post(`/fhir/Patient/${person.patientId}/$health-cards-issue`).set(person.auth).set('Content-Type', 'application/fhir+json').send({ resourceType: 'Parameters' }).expect(200);
      } finally {
        await after.stop();
      }
      // Started with another key, the service refuses to start and says why.
      await expect(store.start({ SECRET_KEY: 'a different secret key, not the one that sealed' })).rejects.toThrow(/sealed with a key this service does not have.*SECRET_KEY/s);
    } finally {
      await store.remove();
    }
  });
});

describe.each(stores)('moving to a new SECRET_KEY (%s)', (kind) => {
  it('with the old one as SECRET_KEY_PREVIOUS, everything is sealed again with the new one and nobody is signed out', async () => {
    const store = await serviceOnKnownStore(kind);
    try {
      const first = await store.start();
      const person = await exerciseEverySecret(first);
      const oldKeyId = first.service.keyring.currentId;
      await first.stop();
      const newKey = 'the new secret key, after the old one leaked';
      const moving = await store.start({ SECRET_KEY: newKey, SECRET_KEY_PREVIOUS: secretKey });
      const newKeyId = moving.service.keyring.currentId;
      expect(newKeyId).not.toBe(oldKeyId);
      await request(moving.url).get('/auth/me').set(person.auth).expect(200);
      await moving.stop();
      const sealedWith = (await store.read())
        .filter((c) => isSealed(c.value))
        .map((c) => decodeProtectedHeader(c.value).kid);
      expect(sealedWith.length).toBe(4);
      expect(new Set(sealedWith)).toEqual(new Set([newKeyId]));
      const moved = await store.start({ SECRET_KEY: newKey }); // the old key is no longer needed
      await request(moved.url).get('/auth/me').set(person.auth).expect(200);
      await moved.stop();
    } finally {
      await store.remove();
    }
  });
});

describe('starting without SECRET_KEY', () => {
  it('in production stops with a message naming SECRET_KEY and how to make one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redbag-prod-'));
    try {
      const run = spawnSync(process.execPath, [join(root, 'src/main.ts')], {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/SECRET_KEY: is needed when NODE_ENV=production/);
      expect(run.stderr).toMatch(/openssl rand -base64 32/);
      const missingFile = spawnSync(process.execPath, [join(root, 'src/main.ts')], {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SECRET_KEY_FILE: join(dataDir, 'no-such-file'), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(missingFile.status).toBe(1);
      expect(missingFile.stderr).toMatch(/SECRET_KEY_FILE: cannot be read \(ENOENT\)/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('outside production keeps a key file of its own in DATA_DIR (owner-only), apart from the database', async () => {
    const svc = await startService('sqlite', { SECRET_KEY: '' });
    try {
      const file = join(svc.dataDir, 'secret.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      expect(key.length).toBeGreaterThanOrEqual(32);
      await signUp(svc.url, 'Rina', 'Shah');
      expect(copySqlite(join(svc.dataDir, 'redbag.sqlite')).filter((c) => c.value.includes(key))).toEqual([]);
    } finally {
      await svc.stop();
    }
  });
});
