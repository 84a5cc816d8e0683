import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isTooCommon } from '../../src/auth/password-rules.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../../src/auth/passwords.ts';

describe('password hashing', () => {
  it('stores scrypt parameters with a per-password salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/); // N=2^15, r=8, p=1, 16-byte salt, 64-byte key
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('still verifies a hash made with older parameters, and says it should be redone', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('an old pass phrase', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('an old pass phrase', old)).toBe(true);
    expect(await verifyPassword('another pass phrase', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it('matches the same password typed with composed or decomposed accents', async () => {
    const hash = await hashPassword('caf\u00e9 ma\u00f1ana'); // é and ñ as single characters
    expect(await verifyPassword('cafe\u0301 man\u0303ana', hash)).toBe(true); // e + accent, n + tilde
    expect(await verifyPassword('cafe manana', hash)).toBe(false);
  });

  it('refuses, without working hard, hashes it cannot read or that ask for too much', async () => {
    const salt = randomBytes(16).toString('base64url');
    const key = randomBytes(64).toString('base64url');
    for (const stored of ['garbage', '', `bcrypt$10$${salt}$${key}`, `scrypt$1048576$64$1$${salt}$${key}`, `scrypt$30000$8$1$${salt}$${key}`, `scrypt$32768$8$1$$${key}`, `scrypt$32768$8$1$${salt}$${key}$extra`]) {
      const start = performance.now();
      expect(await verifyPassword('anything at all', stored)).toBe(false);
      expect(performance.now() - start).toBeLessThan(20);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it('keeps one decoy hash to check when the email is unknown', async () => {
    const decoy = await decoyHash();
    expect(decoy).toMatch(/^scrypt\$32768\$/);
    expect(await decoyHash()).toBe(decoy);
  });
});

describe('password rules', () => {
  it('refuses the passwords people pick first, and one character over and over', () => {
    for (const p of ['password123', 'Password123', 'QWERTYUIOP', '1234567890', 'aaaaaaaaaaaa', '££££££££££']) expect(isTooCommon(p), p).toBe(true);
    for (const p of ['correct horse battery staple', 'my red bag 1945', 'aaaaaaaaab']) expect(isTooCommon(p), p).toBe(false);
  });
});
