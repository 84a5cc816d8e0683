/**
 * An HS256 key made from a service secret kept in the store, imported once: jose would otherwise
 * import the raw bytes again for every token it signs or checks. If the store cannot be reached,
 * the next call asks again rather than failing for ever.
 */
export function hmacKey(readSecret: () => Promise<string>): () => Promise<CryptoKey> {
  let key: Promise<CryptoKey> | undefined;
  return () => {
    key ??= readSecret().then(
      (secret) => crypto.subtle.importKey('raw', Buffer.from(secret, 'base64url'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']),
      (err: unknown) => {
        key = undefined;
        throw err;
      },
    );
    return key;
  };
}
