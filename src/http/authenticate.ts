import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../access/actor.ts';
import { sessionCookieName, type SessionService, type SignedIn } from '../auth/sessions.ts';
import { FhirError } from '../fhir/errors.ts';
import type { BackendTokens } from '../smart/backend-tokens.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One cookie's value from the Cookie header; a malformed value counts as absent. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('Cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The live session behind this request, set by authenticate(); undefined when nobody is signed in. */
export const signedInOf = (res: Response): SignedIn | undefined => res.locals.signedIn as SignedIn | undefined;

/**
 * Works out who is calling — a bearer token first, else the session cookie — and sets
 * res.locals.actor (and res.locals.signedIn). A missing, forged, expired or revoked credential
 * makes the caller anonymous; the routes that need a person then answer 401.
 *
 * CSRF: a browser attaches the cookie to requests another site makes, so a cookie-signed request
 * that changes something must come from our own pages. Browsers send Origin with every such
 * request; when it is another site (or, with no Origin, Sec-Fetch-Site says cross-site) the
 * request is refused with 403. Bearer tokens need no such check: no other site can add them.
 */
export function authenticate(deps: { sessions: SessionService; backendTokens?: BackendTokens; publicUrl: string }): RequestHandler {
  const ownOrigin = new URL(deps.publicUrl).origin;
  const cookieName = sessionCookieName(deps.publicUrl);
  return async (req, res, next) => {
    const anonymous: Actor = { kind: 'anonymous' };
    res.locals.actor = anonymous;
    const bearer = /^Bearer +([\w.~+/-]+=*) *$/i.exec(req.get('Authorization') ?? '')?.[1];
    if (bearer) {
      // A bad token does not fall back to the cookie: the caller chose the token.
      const session = await deps.sessions.fromToken(bearer);
      if (session) signIn(res, session);
      else {
        // Not a person's: perhaps a hospital system's (SMART Backend Services).
        const client = await deps.backendTokens?.fromToken(bearer);
        if (client) res.locals.actor = client;
      }
      return next();
    }
    const cookie = readCookie(req, cookieName);
    if (!cookie) return next();
    const found = await deps.sessions.fromCookie(cookie);
    if (found && unsafeMethods.has(req.method) && comesFromElsewhere(req, ownOrigin)) {
      throw new FhirError('forbidden', 'This request came from another website, so it was refused. Open Red Bag itself and try again.');
    }
    signIn(res, found);
    next();
  };
}

function signIn(res: Response, found: SignedIn | undefined): void {
  if (!found) return;
  res.locals.actor = found.actor;
  res.locals.signedIn = found;
}

function comesFromElsewhere(req: Request, ownOrigin: string): boolean {
  const origin = req.get('Origin');
  if (origin === undefined) return req.get('Sec-Fetch-Site') === 'cross-site';
  if (origin === ownOrigin) return false;
  // The request's own host also counts as ours (for instance reached by another name than PUBLIC_URL's).
  try {
    return new URL(origin).host !== req.get('Host');
  } catch {
    return true; // "null" (sandboxed frames, privacy redirects) or garbage: not provably ours
  }
}
