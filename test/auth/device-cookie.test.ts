import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDeviceCookies } from '../../src/auth/device-cookie.ts';

/**
 * A device cookie counts only as issued. Found by a flaky CI run (2026-11-30): the sign-in test
 * "changed" a cookie by its last letter, and for one letter in sixteen the change fell in the
 * spare bits base64url ignores, so the changed cookie still counted as her device.
 */
describe('device cookies', () => {
  const cookies = createDeviceCookies(randomBytes(32), 'http://localhost');

  it('names the device for the account it was made for, and for no other account', () => {
    const value = cookies.issue('acct-1');
    expect(cookies.deviceOf(value, 'acct-1')).toBe(value.split('.')[1]);
    expect(cookies.deviceOf(value, 'acct-2')).toBeUndefined();
    expect(cookies.deviceOf(undefined, 'acct-1')).toBeUndefined();
    expect(cookies.deviceOf(`${value}.more`, 'acct-1')).toBeUndefined();
  });

  it('refuses every other spelling of the signature, even ones that decode to the same bytes', () => {
    // A 32-byte HMAC is 43 base64url letters; the last carries 4 bits and 2 spare ones, so each
    // issued cookie has three other last letters that decode alike. Try them all, on many cookies.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let sameBytes = 0;
    for (let n = 0; n < 50; n++) {
      const value = cookies.issue('acct-1');
      const [account, device, signature] = value.split('.') as [string, string, string];
      const original = Buffer.from(signature, 'base64url');
      for (const letter of alphabet) {
        const changed = signature.slice(0, -1) + letter;
        if (changed === signature) continue;
        if (Buffer.from(changed, 'base64url').equals(original)) sameBytes += 1;
        expect(cookies.deviceOf(`${account}.${device}.${changed}`, 'acct-1')).toBeUndefined();
      }
      expect(cookies.deviceOf(`${account}.${device}.${signature}=`, 'acct-1')).toBeUndefined();
    }
    expect(sameBytes).toBe(50 * 3); // the case the check is for did occur
  });
});
