import type { SqlExecutor } from '../sql/executor.ts';
import type { KeyRepository } from '../port/keys.ts';

interface TokenKeyRow { purpose: string; kid: string; secret: string; created_at: string; retired_at: string | null }

export function secretMethods(db: SqlExecutor): Pick<KeyRepository, 'listTokenKeys' | 'addTokenKey' | 'listServiceSecrets' | 'replaceServiceSecret' | 'deleteServiceSecret' | 'replaceIssuerKeyJwk' | 'replaceTokenKeySecret'> {
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
