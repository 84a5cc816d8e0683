import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Actor } from '../access/actor.ts';
import type { AccountStore } from '../store/port.ts';
import type { BackendClient } from '../store/port.ts';
import { claimedKid, createTokenKeys } from '../auth/token-keys.ts';
import type { Keyring } from '../secrets/keyring.ts';

export const backendTokenSeconds = 300;

/**
 * Access tokens for hospital systems: short JWTs (HS256, secrets of their own, sealed in the store) naming
 * the client and its granted scopes. Every request asks the store whether the client is still
 * registered, so revoking a client stops its tokens at once.
 */
export function createBackendTokens(deps: { accounts: AccountStore; keyring: Keyring; clock: () => Date }) {
  const keys = createTokenKeys({ accounts: deps.accounts, keyring: deps.keyring, purpose: 'backend', clock: deps.clock, tokenTtlSeconds: backendTokenSeconds });
  return {
    async issue(client: BackendClient, scopes: string[]): Promise<string> {
      const now = Math.floor(deps.clock().getTime() / 1000);
      const signing = await keys.signing();
      return new SignJWT({ typ: 'backend', scope: scopes.join(' '), org: client.organizationId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: signing.kid })
        .setSubject(client.id)
        .setIssuedAt(now)
        .setExpirationTime(now + backendTokenSeconds)
        .sign(signing.key);
    },
    async fromToken(token: string): Promise<Extract<Actor, { kind: 'client' }> | undefined> {
      const secret = await keys.verifying(claimedKid(token));
      if (!secret) return undefined;
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: deps.clock(), requiredClaims: ['exp', 'sub'] }));
      } catch {
        return undefined;
      }
      if (claims.typ !== 'backend' || typeof claims.sub !== 'string' || typeof claims.scope !== 'string') return undefined;
      const client = await deps.accounts.findClient(claims.sub);
      if (!client || client.revokedAt) return undefined;
      return { kind: 'client', clientId: client.id, organizationId: client.organizationId, scopes: claims.scope.split(' ').filter(Boolean) };
    },
  };
}

export type BackendTokens = ReturnType<typeof createBackendTokens>;
