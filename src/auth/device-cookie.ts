import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A device the owner has signed in on before (OWASP's "device cookie"): after a right password the
 * browser gets a cookie naming the account and a random device id, with an HMAC under a key made
 * from SECRET_KEY. Wrong passwords typed on that device are counted for the device alone, so a
 * guesser elsewhere, however busy, never makes the owner wait on her own phone or computer.
 */
export interface DeviceCookies {
  /** The cookie's name: __Host- over https, as for the session cookie. */
  readonly name: string;
  /** A new value for this account. */
  issue(accountId: string): string;
  /** The device id, if `value` is a cookie we made for this account. */
  deviceOf(value: string | undefined, accountId: string): string | undefined;
}

/** Browsers keep a cookie at most 400 days. */
export const deviceCookieSeconds = 400 * 86_400;

export function createDeviceCookies(key: Buffer, publicUrl: string): DeviceCookies {
  const mac = (accountId: string, device: string): Buffer => createHmac('sha256', key).update(`${accountId}.${device}`).digest();
  return {
    name: publicUrl.startsWith('https://') ? '__Host-redbag_device' : 'redbag_device',
    issue(accountId) {
      const device = randomBytes(16).toString('base64url');
      return `${accountId}.${device}.${mac(accountId, device).toString('base64url')}`;
    },
    deviceOf(value, accountId) {
      const [claimedAccount, device, signature, extra] = (value ?? '').split('.');
      if (extra !== undefined || claimedAccount !== accountId || !device || !signature) return undefined;
      const given = Buffer.from(signature, 'base64url');
      // Base64url decoding ignores a last letter's spare bits and stray characters, so several
      // spellings decode to the same bytes; only the one we issued is accepted.
      if (given.toString('base64url') !== signature) return undefined;
      const expected = mac(accountId, device);
      return given.length === expected.length && timingSafeEqual(given, expected) ? device : undefined;
    },
  };
}
