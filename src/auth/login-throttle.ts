import { FhirError } from '../fhir/errors.ts';

/**
 * Counts failed sign-ins per account (email) and per client address in a sliding window, so
 * guessing one person's password, or trying one password on many people, soon has to wait.
 * Pure apart from its own memory; the time is passed in, so tests need no timers.
 *
 * In memory, per process: with several instances each counts its own, which still bounds guessing
 * to (instances × limit) per window. A restart forgets the counts.
 */
export interface ThrottleLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
  /** Most keys remembered at once; past it the oldest are forgotten, so a flood of made-up emails cannot exhaust memory. */
  maxKeys: number;
}

export const defaultLimits: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30, maxKeys: 100_000 };

export interface LoginThrottle {
  /** Seconds to wait, or 0 if a sign-in may be tried now. */
  retryAfter(account: string, address: string, now: number): number;
  recordFailure(account: string, address: string, now: number): void;
  /** The right password clears the account's count (not the address's: that one may be trying many accounts). */
  recordSuccess(account: string): void;
}

export function createLoginThrottle(limits: Partial<ThrottleLimits> = {}): LoginThrottle {
  const { windowMs, perAccount, perAddress, maxKeys } = { ...defaultLimits, ...limits };
  // Key → failure times, oldest first. Map keeps insertion order, which makes "forget the oldest" cheap.
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  const wait = (key: string, limit: number, now: number): number => {
    const times = recent(key, now);
    if (times.length < limit) return 0;
    // Free again once enough of the failures have left the window to be under the limit.
    return Math.max(1, Math.ceil((times[times.length - limit]! + windowMs - now) / 1000));
  };
  const remember = (key: string, now: number): void => {
    const times = [...recent(key, now), now];
    failures.delete(key); // re-inserted last: the most recently failed key is the last to be forgotten
    failures.set(key, times.slice(-Math.max(perAccount, perAddress)));
    while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
  };

  return {
    retryAfter: (account, address, now) => Math.max(wait(`account:${account}`, perAccount, now), wait(`address:${address}`, perAddress, now)),
    recordFailure: (account, address, now) => {
      remember(`account:${account}`, now);
      remember(`address:${address}`, now);
    },
    recordSuccess: (account) => void failures.delete(`account:${account}`),
  };
}

/** The 429 a throttled sign-in gets; the HTTP layer copies retryAfterSeconds into Retry-After. */
export class TooManyAttempts extends FhirError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super('too-many-requests', `Too many attempts to sign in. Please wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
