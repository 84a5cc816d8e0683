import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { BackendClient } from '../store/port.ts';

/** The asymmetric algorithms SMART Backend Services requires servers to accept. */
export const assertionAlgorithms = ['ES384', 'RS384'];
/** The specification caps a client assertion's lifetime at five minutes. */
const maxLifetimeSeconds = 300;

export class InvalidClient extends Error {}

/** Who the assertion says it is (its iss), read before we know which keys to check it with. */
export function claimedClientId(assertion: string): string | undefined {
  try {
    const claims = decodeJwt(assertion);
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

const remoteKeySets = new Map<string, JWTVerifyGetKey>();

function keysOf(client: BackendClient): JWTVerifyGetKey {
  if (client.jwks) return createLocalJWKSet(client.jwks as Parameters<typeof createLocalJWKSet>[0]);
  let set = remoteKeySets.get(client.jwksUri!);
  if (!set) {
    set = createRemoteJWKSet(new URL(client.jwksUri!), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    remoteKeySets.set(client.jwksUri!, set);
  }
  return set;
}

/**
 * Checks a client assertion (private_key_jwt) as SMART Backend Services says: signed with one of
 * the client's keys (ES384 or RS384), iss = sub = client_id, aud = our token endpoint, exp no more
 * than five minutes ahead, and a jti. Returns the jti and its expiry for replay protection.
 */
export async function verifyClientAssertion(assertion: string, client: BackendClient, tokenUrl: string, now: Date): Promise<{ jti: string; expiresAt: Date }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, keysOf(client), {
      algorithms: assertionAlgorithms,
      issuer: client.id,
      subject: client.id,
      audience: tokenUrl,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (err) {
    throw new InvalidClient(`The client assertion was not accepted: ${(err as Error).message}`);
  }
  if (payload.exp! - now.getTime() / 1000 > maxLifetimeSeconds) throw new InvalidClient('The client assertion must expire within five minutes.');
  return { jti: String(payload.jti), expiresAt: new Date(payload.exp! * 1000) };
}
