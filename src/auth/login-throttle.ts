/**
 * Counts failed sign-ins per account and per address in a sliding window. Pure apart from its own
 * memory; the clock is passed in. It is per process: with several instances each counts its own,
 * which still bounds guessing to (instances × limit) per window.
 */
export interface ThrottleLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const defaultLimits: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 };

export interface LoginThrottle {
  /** Seconds to wait, or 0 if a sign-in may be tried now. */
  retryAfter(account: string, address: string, now: number): number;
  recordFailure(account: string, address: string, now: number): void;
  recordSuccess(account: string): void;
}

export function createLoginThrottle(limits: ThrottleLimits = defaultLimits): LoginThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < limits.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  const wait = (key: string, limit: number, now: number): number => {
    const times = recent(key, now);
    if (times.length < limit) return 0;
    return Math.ceil((times[times.length - limit]! + limits.windowMs - now) / 1000);
  };
  return {
    retryAfter: (account, address, now) => Math.max(wait(`account:${account}`, limits.perAccount, now), wait(`address:${address}`, limits.perAddress, now)),
    recordFailure: (account, address, now) => {
      for (const key of [`account:${account}`, `address:${address}`]) failures.set(key, [...recent(key, now), now]);
    },
    recordSuccess: (account) => void failures.delete(`account:${account}`),
  };
}
