import type { SqlExecutor } from '../sql/executor.ts';

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

/**
 * Rows that hold secrets, as the store sees them: opaque text. Sealing and opening them is
 * src/secrets' business; the compare-and-set updates let several instances seal old plaintext
 * rows at the same start without overwriting one another.
 */
export interface SecretStore {
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

interface TokenKeyRow { purpose: string; kid: string; secret: string; created_at: string; retired_at: string | null }

export function secretMethods(db: SqlExecutor): SecretStore {
  return {
    async listTokenKeys(purpose) {
      const rows = await db.all<TokenKeyRow>('SELECT purpose, kid, secret, created_at, retired_at FROM token_keys WHERE purpose = ? ORDER BY created_at, kid', [purpose]);
      return rows.map((r) => ({ purpose: r.purpose, kid: r.kid, secret: r.secret, createdAt: r.created_at, ...(r.retired_at ? { retiredAt: r.retired_at } : {}) }));
    },
    async addTokenKey(key, retireOthersAt) {
      // The new key exists before the old ones stop signing: no instance is ever left without one.
      await db.run('INSERT INTO token_keys (purpose, kid, secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (purpose, kid) DO NOTHING', [key.purpose, key.kid, key.secret, key.createdAt]);
      if (retireOthersAt) await db.run('UPDATE token_keys SET retired_at = ? WHERE purpose = ? AND kid <> ? AND retired_at IS NULL', [retireOthersAt, key.purpose, key.kid]);
    },
    listServiceSecrets: () => db.all<{ name: string; value: string }>('SELECT name, value FROM service_secrets ORDER BY name'),
    async replaceServiceSecret(name, expected, value) {
      await db.run('UPDATE service_secrets SET value = ? WHERE name = ? AND value = ?', [value, name, expected]);
    },
    async deleteServiceSecret(name, expected) {
      await db.run('DELETE FROM service_secrets WHERE name = ? AND value = ?', [name, expected]);
    },
    async replaceIssuerKeyJwk(kid, expected, value) {
      await db.run('UPDATE issuer_keys SET private_jwk = ? WHERE kid = ? AND private_jwk = ?', [value, kid, expected]);
    },
    async replaceTokenKeySecret(purpose, kid, expected, value) {
      await db.run('UPDATE token_keys SET secret = ? WHERE purpose = ? AND kid = ? AND secret = ?', [value, purpose, kid, expected]);
    },
  };
}
