import type { SqlExecutor } from '../sql/executor.ts';

/** A clinician's emergency ("break glass") access to one person's record, for a short time. */
export interface EmergencyAccess {
  id: string;
  patientId: string;
  practitionerRoleId: string;
  reason: string;
  startsAt: string;
  endsAt: string;
}

export interface EmergencyAccessStore {
  addEmergencyAccess(access: EmergencyAccess): Promise<void>;
  /** Those of this professional still running at `now` (for one record, or all). */
  liveEmergencyAccesses(practitionerRoleId: string, now: string, patientId?: string): Promise<EmergencyAccess[]>;
  /** Every one started at or after `since` (for making sure each person was told). */
  emergencyAccessesSince(since: string): Promise<EmergencyAccess[]>;
}

interface Row { id: string; patient_id: string; practitioner_role_id: string; reason: string; starts_at: string; ends_at: string }

const toAccess = (r: Row): EmergencyAccess => ({ id: r.id, patientId: r.patient_id, practitionerRoleId: r.practitioner_role_id, reason: r.reason, startsAt: r.starts_at, endsAt: r.ends_at });

export function emergencyMethods(db: SqlExecutor): EmergencyAccessStore {
  return {
    async addEmergencyAccess(a) {
      await db.run('INSERT INTO emergency_accesses (id, patient_id, practitioner_role_id, reason, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?)', [a.id, a.patientId, a.practitionerRoleId, a.reason, a.startsAt, a.endsAt]);
    },
    async liveEmergencyAccesses(practitionerRoleId, now, patientId) {
      const rows = await db.all<Row>(
        `SELECT * FROM emergency_accesses WHERE practitioner_role_id = ? AND ends_at > ? AND starts_at <= ?${patientId === undefined ? '' : ' AND patient_id = ?'}`,
        [practitionerRoleId, now, now, ...(patientId === undefined ? [] : [patientId])],
      );
      return rows.map(toAccess);
    },
    async emergencyAccessesSince(since) {
      return (await db.all<Row>('SELECT * FROM emergency_accesses WHERE starts_at >= ? ORDER BY starts_at', [since])).map(toAccess);
    },
  };
}
