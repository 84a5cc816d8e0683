import type { SqlExecutor } from '../sql/executor.ts';
import type { CarerInvitation, InvitationRepository } from '../port/invitations.ts';

interface Row { id: string; patient_id: string; rights: string; expires_at: string; created_at: string; accepted_at: string | null; cancelled_at: string | null }
const columns = 'id, patient_id, rights, expires_at, created_at, accepted_at, cancelled_at';
const toInvitation = (r: Row): CarerInvitation => ({
  id: r.id,
  patientId: r.patient_id,
  rights: r.rights as CarerInvitation['rights'],
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  ...(r.accepted_at ? { acceptedAt: r.accepted_at } : {}),
  ...(r.cancelled_at ? { cancelledAt: r.cancelled_at } : {}),
});

export function invitationMethods(db: SqlExecutor): InvitationRepository {
  return {
    async createInvitation(i) {
      await db.run('INSERT INTO carer_invitations (id, patient_id, code_hash, rights, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [i.id, i.patientId, i.codeHash, i.rights, i.expiresAt, i.createdAt]);
    },
    async findInvitationByCode(codeHash) {
      const [row] = await db.all<Row>(`SELECT ${columns} FROM carer_invitations WHERE code_hash = ?`, [codeHash]);
      return row ? toInvitation(row) : undefined;
    },
    async listInvitations(patientId) {
      return (await db.all<Row>(`SELECT ${columns} FROM carer_invitations WHERE patient_id = ? ORDER BY created_at DESC`, [patientId])).map(toInvitation);
    },
    async acceptInvitation(id, accountId, at) {
      const rows = await db.all<{ id: string }>('UPDATE carer_invitations SET accepted_by = ?, accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND cancelled_at IS NULL RETURNING id', [accountId, at, id]);
      return rows.length === 1;
    },
    async addCarerLink(accountId, patientId) {
      await db.run('INSERT INTO carer_links (account_id, patient_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [accountId, patientId]);
    },
    async carerCompartments(accountId) {
      return (await db.all<{ patient_id: string }>('SELECT patient_id FROM carer_links WHERE account_id = ?', [accountId])).map((r) => r.patient_id);
    },
    async cancelInvitation(id, patientId, at) {
      await db.run('UPDATE carer_invitations SET cancelled_at = ? WHERE id = ? AND patient_id = ? AND accepted_at IS NULL AND cancelled_at IS NULL', [at, id, patientId]);
    },
  };
}
