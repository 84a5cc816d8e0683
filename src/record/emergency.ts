import type { Consent, Patient } from '@medplum/fhirtypes';
import { Operator } from '@medplum/core';
import type { Actor } from '../access/actor.ts';
import { decide } from '../access/decide.ts';
import { emergencyAccessOf, emergencyConsent, mayOpenInEmergency, type EmergencyAccess } from '../access/emergency-access.ts';
import { identityStatus, nhsNumberSystem } from '../access/identity.ts';
import { systemActor } from '../access/system-actor.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import { commitAudited, recordAccess } from './audit-trail.ts';
import type { RecordDeps } from './deps.ts';
import { prepareCreate } from './prepare-write.ts';

const service = systemActor('emergency access');

/**
 * "Break glass": a clinician opens a person's emergency information without her consent. The
 * access is a Consent in her record (purpose BTG, 60 minutes, read only), written by the service
 * and recorded in her log as the clinician's doing, in the same transaction. From then on it is a
 * grant like any other, found and decided by decide() on every request.
 */
export async function openEmergencyAccess(deps: RecordDeps, actor: Actor, patientId: string, reason: string): Promise<EmergencyAccess> {
  const decision = decide(actor, 'emergency-access', { resourceType: 'Patient', compartment: patientId });
  const patient = await deps.store.read('Patient', patientId);
  // decide() is the rule; the kind check only tells TypeScript the caller has a PractitionerRole.
  if (!decision.permit || actor.kind !== 'professional') {
    if (patient) await recordAccess(deps, actor, { patientId, interaction: 'operation', operation: '$emergency-access', entities: [], decision });
    throw new FhirError('forbidden', 'Only a clinician or paramedic account can open a record in an emergency.');
  }
  if (!patient || patient.deleted) throw notFound('Patient', patientId);
  const consent = emergencyConsent({ patientId, practitionerRoleId: actor.practitionerRoleId, reason, now: deps.clock() });
  // The service writes it (nobody else may write a break-glass Consent); the log names the clinician.
  const write = await prepareCreate(deps, service, { resource: consent }, new Map());
  const [result] = await commitAudited(deps, actor, [{ ...write, grounds: { reason: decision.reason, emergency: true } }]);
  const stored = result?.outcome === 'created' ? (result.stored.resource as Consent) : undefined;
  const access = stored ? emergencyAccessOf(stored) : undefined;
  if (!access) throw new Error('the emergency access was not stored as expected');
  return access;
}

/**
 * The record an emergency is about, found by NHS number and date of birth together, for a caller
 * who may break the glass (decided first, so nobody else learns whether a record exists). A
 * number the person typed herself may clash with another's: one verified record wins, otherwise
 * the clinician is asked to use the code in the Red Bag.
 */
export async function findForEmergency(deps: RecordDeps, actor: Actor, nhsNumber: string, birthDate: string): Promise<string> {
  if (!mayOpenInEmergency(actor)) throw new FhirError('forbidden', 'Only a clinician or paramedic account can open a record in an emergency.');
  const page = await deps.store.search({
    resourceType: 'Patient',
    filters: [
      { code: 'identifier', operator: Operator.EQUALS, value: `${nhsNumberSystem}|${nhsNumber}` },
      { code: 'birthdate', operator: Operator.EQUALS, value: birthDate },
    ],
    sort: [],
    count: 10,
    offset: 0,
    total: false,
    scope: 'everything',
  });
  const found = page.resources;
  const verified = found.filter((stored) => identityStatus(stored.resource as Patient) === 'verified');
  const one = found.length === 1 ? found[0] : verified.length === 1 ? verified[0] : undefined;
  if (one) return one.id;
  throw found.length === 0
    ? new FhirError('not-found', 'No Red Bag record has that NHS number and date of birth. Check both, or scan the code in the person’s Red Bag.')
    : new FhirError('conflict', 'More than one Red Bag record has that NHS number and date of birth. Scan the code in the person’s Red Bag instead.');
}
