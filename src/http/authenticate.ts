import type { Request, RequestHandler } from 'express';
import { FhirError } from '../fhir/errors.ts';
import { sessionCookie, type SessionService } from '../auth/sessions.ts';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('Cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Works out who is calling (bearer token first, then the session cookie) and puts the Actor in
 * res.locals.actor; anything missing, expired or revoked makes the caller anonymous, and the
 * routes that need a person answer 401. A cookie-signed request that changes something must come
 * from our own pages (Origin check), so another site cannot act with a person's cookie.
 */
export function authenticate(deps: { sessions: SessionService; publicUrl: string }): RequestHandler {
  const ownOrigin = new URL(deps.publicUrl).origin;
  return async (req, res, next) => {
    res.locals.actor = { kind: 'anonymous' };
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
    if (bearer) {
      const found = await deps.sessions.fromToken(bearer);
      if (found) Object.assign(res.locals, { actor: found.actor, sessionId: found.sessionId });
      return next();
    }
    const cookie = readCookie(req, sessionCookie);
    if (cookie) {
      const found = await deps.sessions.fromCookie(cookie);
      if (found) {
        const origin = req.get('Origin');
        if (unsafe.has(req.method) && origin !== undefined && origin !== ownOrigin && origin !== `${req.protocol}://${req.get('Host')}`) {
          throw new FhirError('forbidden', 'This request came from another website, so it was refused.');
        }
        Object.assign(res.locals, { actor: found.actor, sessionId: found.sessionId });
      }
    }
    next();
  };
}
