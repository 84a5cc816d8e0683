import { createHash, randomBytes } from 'node:crypto';

/**
 * Codes that are handed out once (in an email link, a sign-in ticket, a recovery code) and kept only
 * as a SHA-256: a copy of the database gives none of them away. 32 random bytes leave nothing to
 * guess, so a fast hash is enough (a slow one is for what people choose, such as passwords).
 */
export const newCode = (): string => randomBytes(32).toString('base64url');

export const codeHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('base64url');

/**
 * Recovery codes people can copy by hand: two groups of five characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), about 49 bits each: with sign-in throttling, beyond guessing.
 */
const readable = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => readable[b % readable.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** As typed: spaces, dashes and case do not matter. */
export const normaliseRecoveryCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();
