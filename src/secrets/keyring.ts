import { hkdfSync } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';

/**
 * The service's secret key (SECRET_KEY, kept apart from the database) and what is made from it.
 * Secrets the service must store (token signing secrets, card private keys, the card revocation
 * secret) are sealed with it before they reach the database: a copy of the database alone opens
 * none of them. Sealing is jose's JWE `dir` + `A256GCM` (authenticated: a changed byte fails), with
 * the key's id and the secret's purpose in the protected header, so a sealed value cannot be moved
 * into another row and used there.
 *
 * Each use gets its own sub-key by HKDF (RFC 5869), so the sealing key, the device-cookie key and
 * the throttle's key names never share bytes with each other or with the configured key itself.
 */
export interface Keyring {
  /** The id of the key that seals new secrets: derived from it, safe to log and to store. */
  readonly currentId: string;
  seal(purpose: string, plaintext: string): Promise<string>;
  /** Opens a value sealed with the current key or a previous one (SECRET_KEY_PREVIOUS). */
  unseal(purpose: string, sealed: string): Promise<string>;
  /** True when the value was sealed with an earlier key, so it should be sealed again with the current one. */
  sealedWithPrevious(sealed: string): boolean;
  /** 32 bytes for another use (an HMAC key), never equal to the sealing key. */
  subKey(use: string): Buffer;
}

/** A stored value that the configured keys cannot open: the database was sealed with another SECRET_KEY. */
export class SecretKeyMismatch extends Error {}

/** A compact JWE has five parts; a plaintext secret (base64url, or a JSON Web Key) never does. */
export const isSealed = (value: string): boolean => value.split('.').length === 5 && value.startsWith('eyJ');

const derive = (secret: string, use: string): Buffer => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'redbag secret key', use, 32));

/** `secrets`: the current key first, then earlier ones still accepted for opening. */
export function createKeyring(secrets: readonly string[]): Keyring {
  if (secrets.length === 0) throw new Error('a keyring needs at least one key');
  const keys = secrets.map((secret) => ({
    id: derive(secret, 'key id').subarray(0, 9).toString('base64url'),
    sealing: derive(secret, 'seal stored secrets v1'),
    secret,
  }));
  const current = keys[0]!;
  const kidOf = (sealed: string): unknown => {
    try {
      return decodeProtectedHeader(sealed).kid;
    } catch {
      return undefined;
    }
  };

  return {
    currentId: current.id,
    seal: (purpose, plaintext) =>
      new CompactEncrypt(new TextEncoder().encode(plaintext))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.id, purpose })
        .encrypt(current.sealing),
    async unseal(purpose, sealed) {
      const kid = kidOf(sealed);
      const key = keys.find((k) => k.id === kid);
      if (!key) {
        throw new SecretKeyMismatch(
          `A stored secret (${purpose}) was sealed with a key this service does not have (key id ${String(kid ?? 'none')}; ` +
            `this one is ${current.id}). Start with the SECRET_KEY that sealed it, or give that one as SECRET_KEY_PREVIOUS while moving to a new key.`,
        );
      }
      const { plaintext, protectedHeader } = await compactDecrypt(sealed, key.sealing);
      if (protectedHeader.purpose !== purpose) throw new SecretKeyMismatch(`A stored secret was sealed for ${String(protectedHeader.purpose)}, not ${purpose}: refused.`);
      return new TextDecoder().decode(plaintext);
    },
    sealedWithPrevious: (sealed) => kidOf(sealed) !== current.id,
    subKey: (use) => derive(current.secret, `sub-key ${use}`),
  };
}
