import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { AccountStore } from '../store/port.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { purposes, serviceSecret } from '../secrets/seal-stored-secrets.ts';

export interface IssuerKeys {
  /** The key that signs new cards, with its RFC 7638 thumbprint as kid. */
  current(): Promise<{ kid: string; key: CryptoKey }>;
  /** Every public key, retired ones included, for /.well-known/jwks.json. */
  jwks(): Promise<{ keys: JWK[] }>;
  /** Every kid ever used (revocation must reach cards signed with retired keys too). */
  kids(): Promise<string[]>;
  /** Makes a new signing key; the old ones stop signing but stay published. */
  rotate(now: Date): Promise<string>;
  /** The secret that makes a card's revocation id (`rid`) from the person's id, sealed in the store like the keys. */
  ridSecret(): Promise<string>;
}

/** A fresh ES256 key pair as a private JWK, and its thumbprint. */
async function newKey(): Promise<{ kid: string; privateJwk: JWK }> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { kid: await calculateJwkThumbprint(publicPart(privateJwk)), privateJwk };
}

const publicPart = ({ kty, crv, x, y }: JWK): JWK => ({ kty, crv, x, y });

/**
 * ES256 issuer keys, generated on first start and kept by the account store (the SQLite file under
 * DATA_DIR, or PostgreSQL), so every instance signs with the same key. The private keys are sealed
 * with SECRET_KEY before they are stored (a copy of the database cannot sign cards), never leave
 * this module and are never logged. Keys are re-read from the store at most every 30 s, so a
 * rotation made by another instance or by `npm run keys:rotate` is picked up without a restart.
 */
export function createIssuerKeys(accounts: AccountStore, keyring: Keyring, clock: () => Date = () => new Date()): IssuerKeys {
  let cache: { at: number; keys: Array<{ kid: string; privateJwk: JWK; retired: boolean }> } | undefined;
  // Imported once a key: a card view asks for the signing key every time, and a key never changes.
  const imported = new Map<string, Promise<CryptoKey>>();
  const sealed = async (key: { kid: string; privateJwk: JWK }): Promise<string> => keyring.seal(purposes.issuerKey(key.kid), JSON.stringify(key.privateJwk));
  const reload = async () => {
    let stored = await accounts.listIssuerKeys();
    if (stored.length === 0) {
      const first = await newKey();
      await accounts.addIssuerKey({ kid: first.kid, privateJwk: await sealed(first), createdAt: clock().toISOString() });
      stored = await accounts.listIssuerKeys();
    }
    const keys = await Promise.all(
      stored.map(async (k) => ({ kid: k.kid, privateJwk: JSON.parse(await keyring.unseal(purposes.issuerKey(k.kid), k.privateJwk)) as JWK, retired: k.retiredAt !== undefined })),
    );
    cache = { at: clock().getTime(), keys };
    return cache.keys;
  };
  // One reload at a time: requests arriving together before the first key exists would each make one.
  let loading: ReturnType<typeof reload> | undefined;
  const load = async () => {
    if (cache && clock().getTime() - cache.at < 30_000) return cache.keys;
    loading ??= reload().finally(() => {
      loading = undefined;
    });
    return loading;
  };
  return {
    async current() {
      const keys = await load();
      const signing = keys.filter((k) => !k.retired).at(-1) ?? keys.at(-1)!;
      if (!imported.has(signing.kid)) imported.set(signing.kid, importJWK({ ...signing.privateJwk, alg: 'ES256' }, 'ES256') as Promise<CryptoKey>);
      return { kid: signing.kid, key: await imported.get(signing.kid)! };
    },
    async jwks() {
      return { keys: (await load()).map((k) => ({ ...publicPart(k.privateJwk), kid: k.kid, use: 'sig', alg: 'ES256' })) };
    },
    async kids() {
      return (await load()).map((k) => k.kid);
    },
    async rotate(now) {
      const next = await newKey();
      await accounts.addIssuerKey({ kid: next.kid, privateJwk: await sealed(next), createdAt: now.toISOString() }, now.toISOString());
      cache = undefined;
      return next.kid;
    },
    ridSecret: () => serviceSecret(accounts, keyring, 'shc-rid-secret'),
  };
}
