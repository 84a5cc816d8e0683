import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Actor } from '../access/actor.ts';
import type { AccountStore } from '../store/accounts/account-store.ts';
import type { BackendClient } from '../store/accounts/client-sql.ts';
import { hmacKey } from '../auth/hmac-key.ts';

export const backendTokenSeconds = 300;

/**
 * Access tokens for hospital systems: short JWTs (HS256, a secret of their own in the store) naming
 * the client and its granted scopes. Every request asks the store whether the client is still
 * registered, so revoking a client stops its tokens at once.
 */
export function createBackendTokens(deps: { accounts: AccountStore; clock: () => Date }) {
  const signingKey = hmacKey(() => deps.accounts.getOrCreateSecret('backend-token-key'));
  return {
    async issue(client: BackendClient, scopes: string[]): Promise<string> {
      const now = Math.floor(deps.clock().getTime() / 1000);
      return new SignJWT({ typ: 'backend', scope: scopes.join(' '), org: client.organizationId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(client.id)
        .setIssuedAt(now)
        .setExpirationTime(now + backendTokenSeconds)
        .sign(await signingKey());
    },
    async fromToken(token: string): Promise<Extract<Actor, { kind: 'client' }> | undefined> {
      const secret = await signingKey();
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
