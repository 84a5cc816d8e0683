import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import type { Actor } from '../access/actor.ts';
import type { Account, AccountStore } from '../store/port.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { claimedKid, createTokenKeys } from './token-keys.ts';

/**
 * The session cookie's name. Over https it carries the __Host- prefix: browsers then accept it
 * only with Secure, Path=/ and no Domain, so a neighbouring subdomain cannot plant a session of
 * its choosing on our site.
 */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https://') ? '__Host-redbag_session' : 'redbag_session';
}

/** Who a live session belongs to, as the access rules see her, and which session it is. */
export interface SignedIn {
  actor: Extract<Actor, { kind: 'person' | 'professional' | 'admin' }>;
  sessionId: string;
}

export interface SessionService {
  /** Starts a session: the cookie secret (only ever in the cookie) and a bearer token bound to it. */
  start(account: Account): Promise<{ cookieSecret: string; sessionId: string; accessToken: string; expiresIn: number }>;
  /** The person behind a bearer token, if the token is genuine and unexpired and its session is still live. */
  fromToken(token: string): Promise<SignedIn | undefined>;
  /** The person behind a session cookie, if its session is still live. */
  fromCookie(secret: string): Promise<SignedIn | undefined>;
  /** Revokes the session: its cookie and every token issued with it stop working on the next request. */
  end(sessionId: string): Promise<void>;
}

/** The store keeps only a hash of the cookie secret, so a copy of the database hands out no live cookies. */
export const sessionIdOf = (cookieSecret: string): string => createHash('sha256').update(cookieSecret).digest('base64url');

/** Enough for every token in use on a busy instance; the oldest is forgotten first (and checked again if it comes back). */
const maxRememberedTokens = 10_000;

/**
 * Sessions live in the account store; bearer tokens are short JWTs (HS256) naming their session
 * (`sid`), so ending a session ends the cookie and its tokens at once: every request asks the
 * store whether the session is still live. The signing secrets are kept in the store sealed with
 * SECRET_KEY (token-keys.ts), so tokens survive a restart, every instance on the same database
 * accepts them, and a copy of the database alone cannot make one.
 */
export function createSessionService(deps: { accounts: AccountStore; keyring: Keyring; clock: () => Date; tokenTtlSeconds: number; sessionTtlSeconds: number }): SessionService {
  const { accounts, clock } = deps;
  const keys = createTokenKeys({ accounts, keyring: deps.keyring, purpose: 'person', clock, tokenTtlSeconds: deps.tokenTtlSeconds });

  // Tokens whose signature has been checked, by their exact text: a client sends the same token
  // for minutes, and checking its signature was a quarter of every request's work. Only the
  // signature is remembered; expiry and the session (revocation) are checked on every request.
  const verified = new Map<string, { sessionId: string; accountId: string; exp: number }>();
  const checkedClaims = async (token: string): Promise<{ sessionId: string; accountId: string; exp: number } | undefined> => {
    const known = verified.get(token);
    if (known) return known;
    // A hospital system's token (SMART Backend Services) is checked by its own verifier: do not spend a failed check on it here.
    if (claimedType(token) === 'backend') return undefined;
    const secret = await keys.verifying(claimedKid(token)); // outside the try: a database failure is an error, not "signed out"
    if (!secret) return undefined; // a kid we never made, or one retired longer than a token lives
    try {
      // jose checks the signature, the algorithm and exp (against our clock, so tests can move time).
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: clock(), requiredClaims: ['exp', 'sub', 'sid'] });
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
      const claims = { sessionId: payload.sid, accountId: payload.sub, exp: payload.exp };
      if (verified.size >= maxRememberedTokens) verified.delete(verified.keys().next().value!); // the oldest
      verified.set(token, claims);
      return claims;
    } catch {
      return undefined; // forged, damaged or expired: the caller is simply not signed in
    }
  };

  const live = async (sessionId: string, accountId?: string): Promise<SignedIn | undefined> => {
    const session = await accounts.findSession(sessionId);
    if (!session || session.revoked || Date.parse(session.expiresAt) <= clock().getTime()) return undefined;
    if (accountId !== undefined && session.accountId !== accountId) return undefined;
    // A person's session names her record (and the records she cares for); others say who they are
    // from the account. Each is read in the session's statement.
    if (session.patientId !== '') {
      const caresFor = session.caresFor ? { caresFor: session.caresFor } : {};
      return { actor: { kind: 'person', accountId: session.accountId, patientId: session.patientId, ...caresFor }, sessionId };
    }
    const account = session.account;
    if (!account || account.disabledAt) return undefined;
    if (account.kind === 'admin') return { actor: { kind: 'admin', accountId: account.id }, sessionId };
    if (account.kind === 'professional' && account.professional) return { actor: { kind: 'professional', accountId: account.id, ...account.professional }, sessionId };
    return undefined;
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
      const signing = await keys.signing();
      const accessToken = await new SignJWT({ sid: sessionId, ...(account.patientId ? { patient: `Patient/${account.patientId}` } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: signing.kid })
        .setSubject(account.id)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + deps.tokenTtlSeconds)
        .sign(signing.key);
      return { cookieSecret, sessionId, accessToken, expiresIn: deps.tokenTtlSeconds };
    },

    async fromToken(token) {
      const claims = await checkedClaims(token);
      // As jose does: expired once its exp second has begun.
      if (!claims || claims.exp <= Math.floor(clock().getTime() / 1000)) return undefined;
      return live(claims.sessionId, claims.accountId);
    },

    fromCookie: (secret) => live(sessionIdOf(secret)),

    end: (sessionId) => accounts.revokeSession(sessionId, clock().toISOString()),
  };
}

/** The `typ` claim of a JWT, read without trusting it: only to skip a check that would fail anyway. */
function claimedType(token: string): unknown {
  try {
    return decodeJwt(token).typ;
  } catch {
    return undefined;
  }
}
