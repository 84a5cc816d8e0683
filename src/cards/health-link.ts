import { compactDecrypt, CompactEncrypt } from 'jose';
import { FhirError } from '../fhir/errors.ts';

/** The SMART Health Link payload (shlink:/…), as the specification defines it. */
export interface HealthLinkPayload {
  url: string;
  /** 43 characters of base64url: the 32-byte key that decrypts every file behind the link. */
  key: string;
  /** Seconds since 1970 after which the link stops working. */
  exp?: number;
  /** L long-term, P passcode, U direct file (no manifest); in that order of letters. */
  flag?: string;
  /** At most 80 characters, shown to whoever opens the link. */
  label?: string;
  v?: 1;
}

export function encodeHealthLink(payload: HealthLinkPayload): string {
  if (!/^[A-Za-z0-9_-]{43}$/.test(payload.key)) throw new FhirError('bad-request', 'A health link key is 32 random bytes in base64url (43 characters).');
  if (payload.label && payload.label.length > 80) throw new FhirError('bad-request', 'Keep the link’s label to 80 characters or fewer.');
  return `shlink:/${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
}

/** Reads `shlink:/…`, also inside a viewer URL (`https://viewer#shlink:/…`). */
export function decodeHealthLink(link: string, now: Date): HealthLinkPayload {
  const match = /(?:^|#)shlink:\/([A-Za-z0-9_-]+)$/.exec(link.trim());
  if (!match) throw new FhirError('bad-request', 'This is not a SMART Health Link (shlink:/…).');
  let payload: HealthLinkPayload;
  try {
    payload = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as HealthLinkPayload;
  } catch {
    throw new FhirError('bad-request', 'The SMART Health Link cannot be read.');
  }
  if (typeof payload.url !== 'string' || typeof payload.key !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(payload.key)) {
    throw new FhirError('bad-request', 'The SMART Health Link is missing its address or key.');
  }
  if (payload.exp !== undefined && typeof payload.exp !== 'number') {
    throw new FhirError('bad-request', 'The SMART Health Link’s expiry cannot be read (it must be a number of seconds).');
  }
  if (payload.exp !== undefined && payload.exp * 1000 <= now.getTime()) {
    throw new FhirError('gone', 'This link has expired. Ask the person for a new one.');
  }
  return payload;
}

/** A file behind a link: JWE compact, alg dir, enc A256GCM, with its content type in `cty`. */
export function encryptFile(plaintext: string, key: string, contentType: string): Promise<string> {
  return new CompactEncrypt(Buffer.from(plaintext)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: contentType }).encrypt(Buffer.from(key, 'base64url'));
}

export async function decryptFile(jwe: string, key: string): Promise<{ contentType?: string; plaintext: string }> {
  try {
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, Buffer.from(key, 'base64url'));
    return { contentType: protectedHeader.cty, plaintext: Buffer.from(plaintext).toString('utf8') };
  } catch {
    throw new FhirError('forbidden', 'The file behind the link cannot be opened with its key: it was changed, or the link is wrong.');
  }
}
