import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import type { Keyring } from '../secrets/keyring.ts';
import { legacyKid, purposes } from '../secrets/seal-stored-secrets.ts';
import type { AccountStore } from '../store/port.ts';

/**
 * The HS256 secrets of bearer tokens, by `kid`, kept sealed in the store (token_keys) and opened
 * with SECRET_KEY. New tokens are signed with the newest live key and carry its kid. Rotation
 * (`npm run keys:rotate -- --tokens`) adds a key and retires the others, which are still accepted
 * for the tokens' lifetime after, so nobody is signed out by it. Keys are re-read at most every
 * 30 s, and at once when a token names a kid not seen yet (made by another instance).
 */
export interface TokenKeys {
  signing(): Promise<{ kid: string; key: CryptoKey }>;
  /** The key for a token's kid (no kid: the key taken over from before kids), if it may still be used. */
  verifying(kid: string | undefined): Promise<CryptoKey | undefined>;
  rotate(now: Date): Promise<string>;
}

const reloadMs = 30_000;

export function createTokenKeys(deps: { accounts: AccountStore; keyring: Keyring; purpose: 'person' | 'backend'; clock: () => Date; tokenTtlSeconds: number }): TokenKeys {
  const { accounts, keyring, purpose, clock } = deps;
  type Loaded = { kid: string; key: CryptoKey; createdAt: string; retiredAt?: string };
  let cache: { at: number; keys: Promise<Loaded[]> } | undefined;

  const open = async (): Promise<Loaded[]> => {
    let stored = await accounts.listTokenKeys(purpose);
    if (stored.length === 0) {
      // The first key has a fixed kid, so instances starting together all keep the first one's.
      const secret = await keyring.seal(purposes.tokenKey(purpose, legacyKid), randomBytes(32).toString('base64url'));
      await accounts.addTokenKey({ purpose, kid: legacyKid, secret, createdAt: clock().toISOString() });
      stored = await accounts.listTokenKeys(purpose);
    }
    return Promise.all(
      stored.map(async (k) => {
        const raw = Buffer.from(await keyring.unseal(purposes.tokenKey(purpose, k.kid), k.secret), 'base64url');
        const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
        return { kid: k.kid, key, createdAt: k.createdAt, ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}) };
      }),
    );
  };
  const load = (force = false): Promise<Loaded[]> => {
    const now = Date.now();
    if (!cache || force || now - cache.at >= reloadMs) {
      const keys = open();
      cache = { at: now, keys };
      keys.catch(() => (cache = undefined)); // a database hiccup: ask again next time
    }
    return cache.keys;
  };
  // A retired key still opens tokens made before it retired, for their lifetime (plus one reload,
  // for an instance that went on signing with it until it saw the rotation).
  const stillAccepted = (k: Loaded): boolean =>
    k.retiredAt === undefined || Date.parse(k.retiredAt) + (deps.tokenTtlSeconds * 1000 + reloadMs) > clock().getTime();

  return {
    async signing() {
      const keys = await load();
      const live = keys.filter((k) => k.retiredAt === undefined).at(-1) ?? keys.at(-1)!;
      return { kid: live.kid, key: live.key };
    },
    async verifying(kid) {
      const wanted = kid ?? legacyKid;
      let found = (await load()).find((k) => k.kid === wanted);
      if (!found && cache && Date.now() - cache.at > 1000) found = (await load(true)).find((k) => k.kid === wanted);
      return found && stillAccepted(found) ? found.key : undefined;
    },
    async rotate(now) {
      const kid = randomBytes(6).toString('base64url');
      const secret = await keyring.seal(purposes.tokenKey(purpose, kid), randomBytes(32).toString('base64url'));
      await accounts.addTokenKey({ purpose, kid, secret, createdAt: now.toISOString() }, now.toISOString());
      cache = undefined;
      return kid;
    },
  };
}

/** The `kid` header of a JWT, read without trusting it: only to pick the key its signature is checked with. */
export function claimedKid(token: string): string | undefined {
  try {
    const kid = decodeProtectedHeader(token).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}
