import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK, type CryptoKey } from 'jose';
import type { AccountStore } from '../store/accounts/account-store.ts';

export interface IssuerKeys {
  /** The key that signs new cards, with its RFC 7638 thumbprint as kid. */
  current(): Promise<{ kid: string; key: CryptoKey }>;
  /** The public keys to publish at /.well-known/jwks.json. */
  jwks(): Promise<{ keys: JWK[] }>;
}

/**
 * ES256 issuer keys, generated on first start and kept by the account store (the SQLite file under
 * DATA_DIR, or PostgreSQL), so every instance signs with the same key. The private key never
 * leaves this module and is never logged.
 */
export function createIssuerKeys(accounts: AccountStore): IssuerKeys {
  let loaded: Promise<{ kid: string; key: CryptoKey; publicJwk: JWK }> | undefined;
  const load = () => {
    loaded ??= (async () => {
      const stored = await accounts.getOrCreateSecret('shc-signing-key', () => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        return JSON.stringify(privateKey.export({ format: 'jwk' }));
      });
      const privateJwk = JSON.parse(stored) as JWK;
      const { d: _private, ...publicPart } = privateJwk;
      const kid = await calculateJwkThumbprint(publicPart as JWK);
      const key = (await importJWK({ ...privateJwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
      return { kid, key, publicJwk: { ...publicPart, kid, use: 'sig', alg: 'ES256' } as JWK };
    })();
    return loaded;
  };
  return {
    current: async () => {
      const { kid, key } = await load();
      return { kid, key };
    },
    jwks: async () => ({ keys: [(await load()).publicJwk] }),
  };
}
