import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../src/auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';

describe('the sign-in throttle', () => {
  const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };

  it('blocks an account after its limit, until the window has passed', () => {
    const throttle = createLoginThrottle(limits);
    for (let t = 0; t < 3; t++) throttle.recordFailure('a@x', '1.1.1.1', t * 1000);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 3000)).toBe(57); // the first of the three failures (t = 0) leaves the window at 60 s
    expect(throttle.retryAfter('b@x', '2.2.2.2', 3000)).toBe(0);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 61_000)).toBe(0);
  });

  it('blocks an address trying many accounts', () => {
    const throttle = createLoginThrottle(limits);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}@x`, '9.9.9.9', 0);
    expect(throttle.retryAfter('fresh@x', '9.9.9.9', 1000)).toBeGreaterThan(0);
  });

  it('forgets an account’s failures after a successful sign-in', () => {
    const throttle = createLoginThrottle(limits);
    for (let t = 0; t < 2; t++) throttle.recordFailure('a@x', '1.1.1.1', t);
    throttle.recordSuccess('a@x');
    throttle.recordFailure('a@x', '1.1.1.1', 10);
    expect(throttle.retryAfter('a@x', '1.1.1.1', 20)).toBe(0);
  });
});

describe('password hashing', () => {
  it('stores scrypt parameters with a per-password salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('anything', 'garbage')).toBe(false);
  });
});
