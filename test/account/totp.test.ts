import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchingStep, otpauthUrl, totpAt } from '../../src/auth/totp.ts';
import { newRecoveryCode, normaliseRecoveryCode } from '../../src/auth/one-time-codes.ts';

// RFC 4226 appendix D and RFC 6238 appendix B (SHA-1, the secret "12345678901234567890").
const rfcSecret = Buffer.from('12345678901234567890');
const rfcBase32 = base32Encode(rfcSecret);

describe('TOTP by node:crypto, against the RFCs', () => {
  it('HOTP gives RFC 4226 test values', () => {
    expect([0, 1, 2, 3, 9].map((c) => hotp(rfcSecret, c))).toEqual(['755224', '287082', '359152', '969429', '520489']);
  });

  it('TOTP gives RFC 6238 test values (last 6 digits of the 8-digit ones)', () => {
    expect(totpAt(rfcBase32, new Date(59_000))).toBe('287082');
    expect(totpAt(rfcBase32, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpAt(rfcBase32, new Date(1_234_567_890_000))).toBe('005924');
    expect(totpAt(rfcBase32, new Date(2_000_000_000_000))).toBe('279037');
  });

  it('accepts one step either side of now, nothing further, and nothing that is not 6 digits', () => {
    const at = new Date(1_234_567_890_000);
    const step = Math.floor(at.getTime() / 30_000);
    expect(matchingStep(rfcBase32, totpAt(rfcBase32, at), at)).toBe(step);
    expect(matchingStep(rfcBase32, totpAt(rfcBase32, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(matchingStep(rfcBase32, totpAt(rfcBase32, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(matchingStep(rfcBase32, totpAt(rfcBase32, new Date(at.getTime() - 90_000)), at)).toBeUndefined();
    expect(matchingStep(rfcBase32, '12345', at)).toBeUndefined();
    expect(matchingStep(rfcBase32, `${totpAt(rfcBase32, at).slice(0, 3)} ${totpAt(rfcBase32, at).slice(3)}`, at)).toBe(step);
  });

  it('base32 round-trips, and the otpauth address is what authenticator apps read', () => {
    expect(base32Decode(rfcBase32).equals(rfcSecret)).toBe(true);
    expect(rfcBase32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const url = new URL(otpauthUrl({ secret: rfcBase32, issuer: 'Red Bag', account: 'aisha@example.org' }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Red Bag:aisha@example.org');
    expect(Object.fromEntries(url.searchParams)).toEqual({ secret: rfcBase32, issuer: 'Red Bag', algorithm: 'SHA1', digits: '6', period: '30' });
  });

  it('recovery codes are easy to copy and forgiving to type', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(normaliseRecoveryCode(` ${code.toLowerCase().replace('-', ' ')} `)).toBe(code.replace('-', ''));
  });
});
