import { createHmac } from 'node:crypto';
import type { SignInLimits } from '../config.ts';
import { FhirError } from '../fhir/errors.ts';
import type { ThrottleRepository } from '../store/port.ts';
import { secondsToWait } from './signin-delay.ts';

/**
 * Sign-in and sign-up throttling, with its counts in the database (signin_throttle), so every
 * instance on one database counts the same failures and a restart forgets nothing.
 *
 * - `account`: wrong passwords for one email, from devices it was never signed in on;
 * - `device`: wrong passwords from a device the owner signed in on before (its device cookie), so
 *   a guesser elsewhere cannot make the owner wait;
 * - `address`: failures from one client address, to any accounts (one password tried on many people);
 * - `reset`: "forgot your password" emails asked for one email address (each asking counts), so
 *   nobody can fill someone's inbox, and asking does not slow her own sign-in;
 * - `code`: wrong second-factor codes for one account, cleared only by a right code (a right
 *   password does not give a guesser of codes a fresh start).
 *
 * Each kind waits progressively (signin-delay.ts), never a long lock. Rows are named by an HMAC of
 * the email or address under a key made from SECRET_KEY: the table lists no emails or addresses.
 */
export type ThrottleKind = 'account' | 'device' | 'address' | 'reset' | 'code';
export interface ThrottleKey {
  kind: ThrottleKind;
  id: string;
}

export interface SignInThrottle {
  /** Seconds before a sign-in under these keys may be tried (0: now). */
  wait(keys: readonly ThrottleKey[], now: number): Promise<number>;
  fail(keys: readonly ThrottleKey[], now: number): Promise<void>;
  clear(keys: readonly ThrottleKey[]): Promise<void>;
  /** Counts one sign-up from this address; seconds to wait when it was one too many (0: go ahead). */
  chargeSignUp(address: string, now: number): Promise<number>;
}

/** Every so many failures, one instance tidies away counts nobody has added to for a long time. */
const pruneEvery = 200;

export function createSignInThrottle(deps: { store: ThrottleRepository; limits: SignInLimits; nameKey: Buffer }): SignInThrottle {
  const { store, limits } = deps;
  const forgetMs = limits.forgetAfterSeconds * 1000;
  const rowKey = (kind: string, id: string): string => `${kind}:${createHmac('sha256', deps.nameKey).update(id).digest('base64url').slice(0, 32)}`;
  const ruleOf = (key: string) => (key.startsWith('address:') ? limits.address : limits.account);
  let failuresSincePrune = 0;

  return {
    async wait(keys, now) {
      const counts = await store.throttleCounts(keys.map((k) => rowKey(k.kind, k.id)));
      let wait = 0;
      for (const c of counts) {
        if (now - c.lastAt > forgetMs) continue; // stale: the next failure starts again from one
        wait = Math.max(wait, secondsToWait(c.count, c.lastAt, now, ruleOf(c.key)));
      }
      return wait;
    },
    async fail(keys, now) {
      for (const k of keys) await store.addToThrottle(rowKey(k.kind, k.id), now, 'last', now - forgetMs);
      failuresSincePrune += 1;
      if (failuresSincePrune >= pruneEvery) {
        failuresSincePrune = 0;
        await store.pruneThrottle(now - Math.max(forgetMs, limits.registerWindowSeconds * 1000));
      }
    },
    async clear(keys) {
      await store.clearThrottle(keys.map((k) => rowKey(k.kind, k.id)));
    },
    async chargeSignUp(address, now) {
      const windowMs = limits.registerWindowSeconds * 1000;
      const c = await store.addToThrottle(rowKey('register', address), now, 'first', now - windowMs);
      if (c.count <= limits.registerPerAddress) return 0;
      return Math.max(1, Math.ceil((c.firstAt + windowMs - now) / 1000));
    },
  };
}

const tooMany = {
  'sign-in': 'Too many attempts to sign in.',
  'sign-up': 'Too many new accounts have been made from this network.',
  reset: 'We have sent several emails to reset this password already.',
  code: 'Too many codes have been tried.',
} as const;

/** The 429 a throttled attempt gets; the HTTP layer copies retryAfterSeconds into Retry-After. */
export class TooManyAttempts extends FhirError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, what: keyof typeof tooMany = 'sign-in') {
    const first = tooMany[what];
    super('too-many-requests', `${first} Please wait ${inWords(retryAfterSeconds)} and try again.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function inWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
