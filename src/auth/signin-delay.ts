/**
 * How long a next sign-in must wait after some failures: nothing for the first few, then a short
 * wait that doubles with each further failure (1 s, 2 s, 4 s …) up to a cap. Never a long lock:
 * a guesser gets few tries an hour, and the owner who typed badly waits seconds, not 15 minutes.
 * Pure; the time is passed in.
 */
export interface DelayRule {
  /** Failures allowed before any wait. */
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

/** Seconds the next try must wait after `failures` failures in a row (0: none). */
export function delayAfter(failures: number, rule: DelayRule): number {
  if (failures <= rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures - 1, 40); // 2^40 s is past any cap
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** doublings);
}

/**
 * Whole seconds left to wait at `now` (ms) after `failures` failures, the last at `lastFailureAt`
 * (ms). Never more than the delay itself: another instance's clock may be a little ahead of ours.
 */
export function secondsToWait(failures: number, lastFailureAt: number, now: number, rule: DelayRule): number {
  const delay = delayAfter(failures, rule);
  const until = lastFailureAt + delay * 1000;
  return until > now ? Math.min(delay, Math.ceil((until - now) / 1000)) : 0;
}
