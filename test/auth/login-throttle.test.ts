import { describe, expect, it } from 'vitest';
import { createLoginThrottle, TooManyAttempts } from '../../src/auth/login-throttle.ts';

describe('the sign-in throttle', () => {
  const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };

  it('blocks an account after its limit, until the window has passed', () => {
    const throttle = createLoginThrottle(limits);
    for (let t = 0; t < 3; t++) throttle.recordFailure('a@x', '1.1.1.1', t * 1000);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 3000)).toBe(57); // the first of the three failures (t = 0) leaves the window at 60 s
    expect(throttle.retryAfter('b@x', '2.2.2.2', 3000)).toBe(0);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 60_000)).toBe(0);
  });

  it('blocks an account from every address', () => {
    const throttle = createLoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.recordFailure('a@x', `10.0.0.${i}`, 0);
    expect(throttle.retryAfter('a@x', '10.0.0.99', 1000)).toBe(59);
  });

  it('blocks an address trying many accounts', () => {
    const throttle = createLoginThrottle(limits);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}@x`, '9.9.9.9', 0);
    expect(throttle.retryAfter('fresh@x', '9.9.9.9', 1000)).toBe(59);
    expect(throttle.retryAfter('fresh@x', '8.8.8.8', 1000)).toBe(0);
  });

  it('forgets an account’s failures after a successful sign-in, but not the address’s', () => {
    const throttle = createLoginThrottle({ ...limits, perAddress: 3 });
    for (let t = 0; t < 2; t++) throttle.recordFailure('a@x', '1.1.1.1', t);
    throttle.recordSuccess('a@x');
    throttle.recordFailure('a@x', '1.1.1.1', 10);
    expect(throttle.retryAfter('a@x', '2.2.2.2', 20)).toBe(0);
    expect(throttle.retryAfter('b@x', '1.1.1.1', 20)).toBe(60);
  });

  it('uses the defaults of the brief: 5 per account and 30 per address in 15 minutes', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 4; i++) throttle.recordFailure('a@x', '1.1.1.1', 0);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 0)).toBe(0);
    throttle.recordFailure('a@x', '1.1.1.1', 0);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 0)).toBe(900);
    for (let i = 0; i < 29; i++) throttle.recordFailure(`u${i}@x`, '2.2.2.2', 0);
    expect(throttle.retryAfter('new@x', '2.2.2.2', 0)).toBe(0);
    throttle.recordFailure('u29@x', '2.2.2.2', 0);
    expect(throttle.retryAfter('new@x', '2.2.2.2', 0)).toBe(900);
  });

  it('remembers a bounded number of keys, forgetting the oldest first', () => {
    const throttle = createLoginThrottle({ ...limits, perAccount: 1, maxKeys: 4 });
    throttle.recordFailure('first@x', 'addr-1', 0); // 2 keys
    throttle.recordFailure('second@x', 'addr-2', 1); // 4 keys
    throttle.recordFailure('third@x', 'addr-3', 2); // 6 → the 2 oldest go
    expect(throttle.retryAfter('first@x', 'elsewhere', 3)).toBe(0);
    expect(throttle.retryAfter('second@x', 'elsewhere', 3)).toBeGreaterThan(0);
    expect(throttle.retryAfter('third@x', 'elsewhere', 3)).toBeGreaterThan(0);
  });

  it('says how long to wait in plain words', () => {
    expect(new TooManyAttempts(900).message).toBe('Too many attempts to sign in. Please wait 15 minutes and try again.');
    expect(new TooManyAttempts(42).message).toBe('Too many attempts to sign in. Please wait 1 minute and try again.');
    expect(new TooManyAttempts(61)).toMatchObject({ status: 429, code: 'too-many-requests', retryAfterSeconds: 61 });
  });
});
