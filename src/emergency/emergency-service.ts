import { randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import type { Grant } from '../access/grants.ts';
import { systemActor } from '../access/system-actor.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/accounts/account-store.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { emergencyGrant, emergencyMinutes } from './emergency-grant.ts';

/** The emergency accesses in force for a caller, as grants: what the record layer asks on every request. */
export function emergencyGrantSource(accounts: AccountStore, clock: () => Date) {
  return async (actor: Actor, compartment: string | undefined): Promise<Grant[]> => {
    if (actor.kind !== 'professional' || actor.role !== 'clinician') return [];
    return (await accounts.liveEmergencyAccesses(actor.practitionerRoleId, clock().toISOString(), compartment)).map(emergencyGrant);
  };
}

/**
 * "Break glass": a clinician or paramedic opens a person's emergency summary without her consent,
 * giving a reason. Time-boxed, flagged in her log (every read is marked "in an emergency"), and she
 * and her carers are told (notifications/).
 */
export function createEmergencyService(deps: { record: HealthRecord; accounts: AccountStore; notifier: Notifier; clock: () => Date; logger: Logger; publicUrl: string }) {
  const service = systemActor('emergency access');
  return {
    async open(actor: Actor, patientId: string, reason: string) {
      if (actor.kind !== 'professional' || actor.role !== 'clinician') {
        throw new FhirError('forbidden', 'Only a clinician or paramedic account can open a record in an emergency.');
      }
      try {
        await deps.record.read(service, 'Patient', patientId);
      } catch {
        throw notFound('Patient', patientId);
      }
      const now = deps.clock();
      const access = { id: randomUUID(), patientId, practitionerRoleId: actor.practitionerRoleId, reason, startsAt: now.toISOString(), endsAt: new Date(now.getTime() + emergencyMinutes * 60_000).toISOString() };
      await deps.accounts.addEmergencyAccess(access);
      // She and her carers are told before the clinician gets the summary (portal notification and email).
      await deps.notifier.emergencyOpened(access);
      deps.logger.warn({ patientId, practitionerRoleId: actor.practitionerRoleId, emergencyAccessId: access.id }, 'emergency access opened');
      return { emergencyAccess: `EmergencyAccess/${access.id}`, expiresAt: access.endsAt, summary: `${deps.publicUrl}/fhir/Patient/${patientId}/$summary` };
    },
  };
}

export type EmergencyService = ReturnType<typeof createEmergencyService>;
