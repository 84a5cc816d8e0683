/** An HS256 secret for bearer tokens; `secret` is sealed with SECRET_KEY before it is stored (src/secrets). */
export interface StoredTokenKey {
  /** `person` for people's tokens, `backend` for hospital systems'. */
  purpose: string;
  kid: string;
  secret: string;
  createdAt: string;
  /** Since when it signs nothing new; it is still accepted for the tokens' lifetime after that. */
  retiredAt?: string;
}

export interface StoredIssuerKey {
  kid: string;
  /** Sealed by src/secrets. */
  privateJwk: string;
  createdAt: string;
  retiredAt?: string;
}

/**
 * Service secrets, token keys and card-signing keys, as the store sees them: opaque text. Sealing
 * and opening them is src/secrets' business; the compare-and-set updates let several instances
 * seal old plaintext rows at the same start without overwriting one another.
 */
export interface KeyRepository {
  /** A service secret, made once (by default 32 random bytes, base64url) and shared by every instance on the same database; src/secrets seals it (`create` makes the sealed value). */
  getOrCreateSecret(name: string, create?: () => string): Promise<string>;
  /** Card-signing keys, oldest first; retired ones stay so cards already printed still verify. */
  listIssuerKeys(): Promise<StoredIssuerKey[]>;
  /** Adds a signing key; with `retireOthersAt`, every other key stops signing new cards (rotation). */
  addIssuerKey(key: { kid: string; privateJwk: string; createdAt: string }, retireOthersAt?: string): Promise<void>;
  listTokenKeys(purpose: string): Promise<StoredTokenKey[]>;
  /** Adds a key unless its (purpose, kid) exists; with `retireOthersAt`, the purpose's other live keys retire (rotation). */
  addTokenKey(key: Omit<StoredTokenKey, 'retiredAt'>, retireOthersAt?: string): Promise<void>;
  listServiceSecrets(): Promise<Array<{ name: string; value: string }>>;
  /** Each replace/delete changes the row only if it still holds `expected`. */
  replaceServiceSecret(name: string, expected: string, value: string): Promise<void>;
  deleteServiceSecret(name: string, expected: string): Promise<void>;
  replaceIssuerKeyJwk(kid: string, expected: string, value: string): Promise<void>;
  replaceTokenKeySecret(purpose: string, kid: string, expected: string, value: string): Promise<void>;
}
