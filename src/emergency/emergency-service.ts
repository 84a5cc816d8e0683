import type { Actor } from '../access/actor.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';

/**
 * "Break glass": a clinician or paramedic opens a person's emergency summary without her consent,
 * giving a reason. Who may, what it opens and for how long are decided in access/ (decide() and
 * emergency-access.ts); the access is a Consent in her record, written by record/, and she and
 * her carers are told as it is stored (notifications/, through the record's consentWritten event).
 */
export function createEmergencyService(deps: { record: HealthRecord; logger: Logger; publicUrl: string }) {
  return {
    async open(actor: Actor, patientId: string, reason: string) {
      const access = await deps.record.openEmergencyAccess(actor, patientId, reason);
      deps.logger.warn({ patientId, practitionerRoleId: access.practitionerRoleId, emergencyAccess: `Consent/${access.id}` }, 'emergency access opened');
      return { emergencyAccess: `Consent/${access.id}`, expiresAt: access.endsAt, summary: `${deps.publicUrl}/fhir/Patient/${patientId}/$summary` };
    },
  };
}

export type EmergencyService = ReturnType<typeof createEmergencyService>;
