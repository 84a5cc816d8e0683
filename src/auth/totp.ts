import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), with node:crypto only: SHA-1,
 * 6 digits, 30-second steps, as every authenticator app (Google Authenticator, Microsoft
 * Authenticator, 1Password, FreeOTP) expects. Pure apart from the random secret.
 */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** One step either side is accepted: a phone's clock a little off, or a code typed as it changed. */
const window = 1;

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 random bytes (160 bits, RFC 4226's recommended length), in base32 as apps take it. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 §5.3: HMAC-SHA-1 of the counter, dynamically truncated to `digits` digits. */
export function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = ((digest[offset]! & 0x7f) << 24) | (digest[offset + 1]! << 16) | (digest[offset + 2]! << 8) | digest[offset + 3]!;
  return String(binary % 10 ** totpDigits).padStart(totpDigits, '0');
}

export const timeStep = (at: Date): number => Math.floor(at.getTime() / 1000 / totpPeriodSeconds);

/** The code an app shows at this moment (for tests and the set-up check). */
export function totpAt(secretBase32: string, at: Date): string {
  return hotp(base32Decode(secretBase32), timeStep(at));
}

/**
 * The time step whose code this is (within one step of now), or undefined. Every candidate is
 * compared in constant time and all are tried, so the answer's timing says nothing about which.
 */
export function matchingStep(secretBase32: string, code: string, at: Date): number | undefined {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return undefined;
  const secret = base32Decode(secretBase32);
  const now = timeStep(at);
  let found: number | undefined;
  for (let step = now - window; step <= now + window; step += 1) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(typed)) && found === undefined) found = step;
  }
  return found;
}

/** The otpauth:// address an app reads from a QR code (Google's Key Uri Format). */
export function otpauthUrl(options: { secret: string; issuer: string; account: string }): string {
  const label = encodeURIComponent(`${options.issuer}:${options.account}`);
  const query = new URLSearchParams({ secret: options.secret, issuer: options.issuer, algorithm: 'SHA1', digits: String(totpDigits), period: String(totpPeriodSeconds) });
  return `otpauth://totp/${label}?${query.toString()}`;
}
