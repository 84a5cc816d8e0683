import type { Request, Response } from 'express';
import { signInFirst } from '../auth/account-service.ts';
import { TooManyAttempts } from '../auth/login-throttle.ts';
import type { SignedIn } from '../auth/sessions.ts';
import { FhirError } from '../fhir/errors.ts';
import { signedInOf } from './authenticate.ts';

export function requireSignedIn(res: Response): SignedIn {
  const signedIn = signedInOf(res);
  if (!signedIn) throw new FhirError('unauthenticated', signInFirst);
  return signedIn;
}

/** req.ip honours Express's 'trust proxy' setting, which app.ts decides. */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** A throttled attempt answers 429 with Retry-After; the error handler keeps headers already set. */
export async function withRetryAfter<T>(res: Response, attempt: Promise<T>): Promise<T> {
  try {
    return await attempt;
  } catch (err) {
    if (err instanceof TooManyAttempts) res.set('Retry-After', String(err.retryAfterSeconds));
    throw err;
  }
}
