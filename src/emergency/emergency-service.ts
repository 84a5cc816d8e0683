import { randomUUID } from 'node:crypto';
import type { Consent, Organization, Practitioner } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { Grant } from '../access/grants.ts';
import { systemActor } from '../access/system-actor.ts';
import { carerRightsOf } from '../carers/carer-resources.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/accounts/account-store.ts';
import { emergencyGrant, emergencyMinutes, emergencyNotice } from './emergency-grant.ts';

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
 * and her carers are told by a notice in her record.
 */
export function createEmergencyService(deps: { record: HealthRecord; accounts: AccountStore; clock: () => Date; logger: Logger; publicUrl: string }) {
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
      const [practitioner, organisation, consents] = await Promise.all([
        deps.record.read(service, 'Practitioner', actor.practitionerId).then((s) => s.resource as Practitioner).catch(() => undefined),
        deps.record.read(service, 'Organization', actor.organizationId).then((s) => s.resource as Organization).catch(() => undefined),
        deps.record.search(service, 'Consent', { patient: `Patient/${patientId}`, status: 'active', _count: '500' }),
      ]);
      const carers = consents.matches
        .map((s) => s.resource as Consent)
        .filter((c) => carerRightsOf(c) !== undefined)
        .map((c) => c.provision?.actor?.[0]?.reference?.reference)
        .filter((r): r is string => typeof r === 'string');
      const name = practitioner?.name?.[0];
      const who = [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'A clinician';
      await deps.record.create(service, emergencyNotice({ access, who, organisation: organisation?.name ?? 'an emergency service', carers }));
      deps.logger.warn({ patientId, practitionerRoleId: actor.practitionerRoleId, emergencyAccessId: access.id }, 'emergency access opened');
      return { emergencyAccess: `EmergencyAccess/${access.id}`, expiresAt: access.endsAt, summary: `${deps.publicUrl}/fhir/Patient/${patientId}/$summary` };
    },
  };
}

export type EmergencyService = ReturnType<typeof createEmergencyService>;
