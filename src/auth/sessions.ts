import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Actor } from '../access/actor.ts';
import type { Account, AccountStore } from '../store/accounts/account-store.ts';

export const sessionCookie = 'redbag_session';

export interface SessionService {
  /** Starts a session: the cookie secret (only ever in the cookie) and a bearer token bound to it. */
  start(account: Account): Promise<{ cookieSecret: string; sessionId: string; accessToken: string; expiresIn: number }>;
  /** The person behind a bearer token, if its session is still live. */
  fromToken(token: string): Promise<{ actor: Actor; sessionId: string } | undefined>;
  /** The person behind a session cookie, if its session is still live. */
  fromCookie(secret: string): Promise<{ actor: Actor; sessionId: string } | undefined>;
  end(sessionId: string): Promise<void>;
}

export const sessionIdOf = (cookieSecret: string): string => createHash('sha256').update(cookieSecret).digest('base64url');

/**
 * Sessions live in the account store; bearer tokens are short JWTs (HS256, secret kept in the
 * store) that name their session, so signing out ends the cookie and every token at once.
 */
export function createSessionService(deps: { accounts: AccountStore; clock: () => Date; tokenTtlSeconds: number; sessionTtlSeconds: number }): SessionService {
  const { accounts, clock } = deps;
  let key: Promise<Uint8Array> | undefined;
  const signingKey = (): Promise<Uint8Array> => {
    key ??= accounts.getOrCreateSecret('token-signing-key', () => randomBytes(32).toString('base64url')).then((s) => Buffer.from(s, 'base64url'));
    return key;
  };

  const verifiedTokens = new Map<string, { sessionId: string; expiresAt: number }>();
  const live = async (sessionId: string): Promise<{ actor: Actor; sessionId: string } | undefined> => {
    const session = await accounts.findSession(sessionId);
    if (!session || session.revoked || new Date(session.expiresAt) <= clock()) return undefined;
    return { actor: { kind: 'person', accountId: session.accountId, patientId: session.patientId }, sessionId };
  };

  return {
    async start(account) {
      const now = clock();
      const cookieSecret = randomBytes(32).toString('base64url');
      const sessionId = sessionIdOf(cookieSecret);
      await accounts.createSession({
        id: sessionId,
        accountId: account.id,
        patientId: account.patientId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.sessionTtlSeconds * 1000).toISOString(),
      });
      const issuedAt = Math.floor(now.getTime() / 1000);
      const accessToken = await new SignJWT({ sid: sessionId, patient: `Patient/${account.patientId}` })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(account.id)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + deps.tokenTtlSeconds)
        .sign(await signingKey());
      return { cookieSecret, sessionId, accessToken, expiresIn: deps.tokenTtlSeconds };
    },
    async fromToken(token) {
      // A verified token stays valid until it expires, so its signature is checked once; whether its
      // session is still live is asked on every request, so signing out still works at once.
      let verified = verifiedTokens.get(token);
      if (!verified) {
        try {
          const { payload } = await jwtVerify(token, await signingKey(), { algorithms: ['HS256'], currentDate: clock() });
          if (typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return undefined;
          verified = { sessionId: payload.sid, expiresAt: payload.exp * 1000 };
        } catch {
          return undefined;
        }
        if (verifiedTokens.size >= 10_000) verifiedTokens.clear();
        verifiedTokens.set(token, verified);
      }
      if (verified.expiresAt <= clock().getTime()) {
        verifiedTokens.delete(token);
        return undefined;
      }
      return live(verified.sessionId);
    },
    fromCookie: (secret) => live(sessionIdOf(secret)),
    end: (sessionId) => accounts.revokeSession(sessionId, clock().toISOString()),
  };
}
