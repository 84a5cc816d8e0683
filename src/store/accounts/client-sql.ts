import type { SqlExecutor } from '../sql/executor.ts';
import type { BackendClient, ClientRepository } from '../port/clients.ts';

interface ClientRow { id: string; name: string; organization_id: string; jwks: string | null; jwks_uri: string | null; scopes: string; created_at: string; revoked_at: string | null }

const toClient = (r: ClientRow): BackendClient => ({
  id: r.id,
  name: r.name,
  organizationId: r.organization_id,
  ...(r.jwks ? { jwks: JSON.parse(r.jwks) as BackendClient['jwks'] } : {}),
  ...(r.jwks_uri ? { jwksUri: r.jwks_uri } : {}),
  scopes: r.scopes.split(' ').filter(Boolean),
  createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});

export function clientMethods(db: SqlExecutor): ClientRepository {
  return {
    async createClient(c) {
      await db.run('INSERT INTO backend_clients (id, name, organization_id, jwks, jwks_uri, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        c.id, c.name, c.organizationId, c.jwks ? JSON.stringify(c.jwks) : null, c.jwksUri ?? null, c.scopes.join(' '), c.createdAt,
      ]);
    },
    async findClient(id) {
      const [row] = await db.all<ClientRow>('SELECT * FROM backend_clients WHERE id = ?', [id]);
      return row ? toClient(row) : undefined;
    },
    async listClients() {
      return (await db.all<ClientRow>('SELECT * FROM backend_clients ORDER BY created_at, id')).map(toClient);
    },
    async revokeClient(id, at) {
      await db.run('UPDATE backend_clients SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
    },
    async useAssertionId(clientId, jti, expiresAt, now) {
      await db.run('DELETE FROM client_assertion_jtis WHERE client_id = ? AND expires_at < ?', [clientId, now]);
      const inserted = await db.all<{ jti: string }>('INSERT INTO client_assertion_jtis (client_id, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING jti', [clientId, jti, expiresAt]);
      return inserted.length === 1;
    },
  };
}
