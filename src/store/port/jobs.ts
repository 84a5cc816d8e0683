/** A count under one key (an account, an address, a device), with its first and last time in ms. */
export interface ThrottleCount {
  key: string;
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * What several instances must agree on: leases (a named job held by one instance until a time, so
 * a sweep or the demo load runs once however many instances there are) and sign-in and sign-up
 * counts. Each change is ONE statement, so two instances at the same moment cannot both win a
 * lease, and both count.
 */
export interface JobRepository {
  /** True when `holder` now holds `name` until `until` (it was free, had run out, or was already its own). */
  takeLease(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Gives the lease up early (the work is done), so another instance need not wait it out. */
  releaseLease(name: string, holder: string, now: string): Promise<void>;
  throttleCounts(keys: readonly string[]): Promise<ThrottleCount[]>;
  /**
   * One more under `key`, returning the new count. The count starts again from 1 when its last
   * one (`restart: 'last'`) or its first one (`restart: 'first'`, a fixed window) is before `restartBefore`.
   */
  addToThrottle(key: string, at: number, restart: 'first' | 'last', restartBefore: number): Promise<ThrottleCount>;
  clearThrottle(keys: readonly string[]): Promise<void>;
  /** Forgets counts whose last one is before `before` (made-up emails must not fill the table for ever). */
  pruneThrottle(before: number): Promise<void>;
}

/** The sign-in throttle's part (auth/login-throttle.ts takes only this). */
export type ThrottleRepository = Pick<JobRepository, 'throttleCounts' | 'addToThrottle' | 'clearThrottle' | 'pruneThrottle'>;
