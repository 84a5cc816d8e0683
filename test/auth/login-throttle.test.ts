import { describe, expect, it } from 'vitest';
import { TooManyAttempts } from '../../src/auth/login-throttle.ts';
import { delayAfter, secondsToWait } from '../../src/auth/signin-delay.ts';
import { loadConfig } from '../../src/config.ts';

describe('the sign-in delay rule', () => {
  const rule = { freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 60 };

  it('lets the first failures pass, then waits 1 s, 2 s, 4 s … up to the cap', () => {
    const waits = Array.from({ length: 14 }, (_, i) => delayAfter(i + 1, rule));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(delayAfter(1_000_000, rule)).toBe(60);
  });

  it('counts the wait from the last failure, in whole seconds', () => {
    expect(secondsToWait(8, 10_000, 10_000, rule)).toBe(4);
    expect(secondsToWait(8, 10_000, 12_500, rule)).toBe(2);
    expect(secondsToWait(8, 10_000, 14_000, rule)).toBe(0);
    expect(secondsToWait(5, 10_000, 10_000, rule)).toBe(0);
  });

  it('never waits longer than the delay, even when the last failure seems to be in the future (clocks of two instances)', () => {
    expect(secondsToWait(5, 20_000, 10_000, rule)).toBe(0);
    expect(secondsToWait(6, 20_000, 10_000, rule)).toBe(1);
  });

  it('takes its numbers from the configuration, with the defaults in the README', () => {
    const limits = loadConfig({}).signInLimits;
    expect(limits).toEqual({
      account: { freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 60 },
      address: { freeFailures: 30, firstDelaySeconds: 1, maxDelaySeconds: 60 },
      forgetAfterSeconds: 86_400,
      registerPerAddress: 20,
      registerWindowSeconds: 3600,
    });
    const set = loadConfig({ SIGNIN_FREE_FAILURES_PER_ACCOUNT: '3', SIGNIN_MAX_DELAY_SECONDS: '300', REGISTER_PER_ADDRESS: '2' }).signInLimits;
    expect(set.account).toEqual({ freeFailures: 3, firstDelaySeconds: 1, maxDelaySeconds: 300 });
    expect(set.registerPerAddress).toBe(2);
  });

  it('says how long to wait in plain words', () => {
    expect(new TooManyAttempts(1).message).toBe('Too many attempts to sign in. Please wait 1 second and try again.');
    expect(new TooManyAttempts(42).message).toBe('Too many attempts to sign in. Please wait 42 seconds and try again.');
    expect(new TooManyAttempts(900).message).toBe('Too many attempts to sign in. Please wait 15 minutes and try again.');
    expect(new TooManyAttempts(61, 'sign-up').message).toBe('Too many new accounts have been made from this network. Please wait 2 minutes and try again.');
    expect(new TooManyAttempts(61)).toMatchObject({ status: 429, code: 'too-many-requests', retryAfterSeconds: 61 });
  });
});
