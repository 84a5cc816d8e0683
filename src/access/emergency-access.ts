import type { Consent, Resource } from '@medplum/fhirtypes';
import type { Actor } from './actor.ts';
import { resourceTypesSystem } from './data-classes.ts';
import type { Grant } from './grants.ts';
import { categoryLabels, sensitiveCategories } from './sensitivity.ts';

/**
 * Emergency ("break glass") access as a FHIR Consent in the person's own record: purpose BTG
 * (v3-ActReason "break the glass"), the clinician's PractitionerRole as the actor, 60 minutes,
 * read only. It is written by the service alone, when a clinician calls $emergency-access, and
 * decided by decide() like every other grant. Pure.
 */
export const emergencyMinutes = 60;

export const breakTheGlass = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG', display: 'break the glass' } as const;

/** What an emergency opens: what a crew or an emergency department needs, sensitive items included (safety first). */
export const emergencyTypes: readonly string[] = [
  'Patient',
  'AllergyIntolerance',
  'Condition',
  'MedicationStatement',
  'CarePlan',
  'RelatedPerson',
  'CareTeam',
  'Observation',
  'Goal',
  'Flag',
];

/** One emergency access, as the notices and the API tell of it. */
export interface EmergencyAccess {
  /** The Consent's id. */
  id: string;
  patientId: string;
  practitionerRoleId: string;
  reason: string;
  startsAt: string;
  endsAt: string;
}

const reasonTitle = 'Reason given for emergency access';

/** The Consent the service writes when a clinician breaks the glass. */
export function emergencyConsent(args: { patientId: string; practitionerRoleId: string; reason: string; now: Date }): Consent {
  const end = new Date(args.now.getTime() + emergencyMinutes * 60_000);
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment', display: 'Treatment' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'INFA' }] }],
    patient: { reference: `Patient/${args.patientId}` },
    dateTime: args.now.toISOString(),
    // No opt-in to point to: the rule that allowed it is the service's emergency policy.
    policyRule: { text: `Emergency access by a clinician without the person's consent: read only, for ${emergencyMinutes} minutes, and she is told` },
    sourceAttachment: { contentType: 'text/plain', title: reasonTitle, data: Buffer.from(args.reason).toString('base64') },
    provision: {
      type: 'permit',
      period: { start: args.now.toISOString(), end: end.toISOString() },
      actor: [
        {
          role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'PROV' }] },
          reference: { reference: `PractitionerRole/${args.practitionerRoleId}` },
        },
      ],
      action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
      purpose: [{ ...breakTheGlass }],
      class: emergencyTypes.map((code) => ({ system: resourceTypesSystem, code })),
      securityLabel: sensitiveCategories.map((c) => ({ ...categoryLabels[c] })),
    },
  };
}

/** Whether a Consent is an emergency access (purpose BTG), whatever its status. */
export function isEmergencyConsent(consent: Consent): boolean {
  return (consent.provision?.purpose ?? []).some((p) => p.system === breakTheGlass.system && p.code === breakTheGlass.code);
}

/**
 * Only the service writes an emergency access, so nobody can give herself emergency rights (nor a
 * person hand out a "break glass" that says she was not asked). Ending one early is allowed.
 */
export function claimsEmergencyAccess(resource: Resource | undefined): boolean {
  return resource?.resourceType === 'Consent' && isEmergencyConsent(resource) && resource.status === 'active';
}

/**
 * The meaning of an emergency Consent for decide(): read only, emergency types only, sensitive
 * items included, for the clinician named, never longer than emergencyMinutes from its start.
 */
export function emergencyGrant(consent: Consent): Grant | undefined {
  const access = emergencyAccessOf(consent);
  if (!access || consent.status !== 'active' || consent.provision?.type === 'deny') return undefined;
  const classes = new Set((consent.provision?.class ?? []).filter((c) => c.system === resourceTypesSystem).map((c) => c.code));
  return {
    source: `Consent/${access.id}`,
    patientId: access.patientId,
    grantees: [`PractitionerRole/${access.practitionerRoleId}`],
    resourceTypes: new Set(emergencyTypes.filter((t) => classes.has(t))),
    actions: new Set(['read']),
    sensitive: new Set(sensitiveCategories),
    start: access.startsAt,
    end: access.endsAt,
    purpose: breakTheGlass.display,
    emergency: true,
  };
}

/** The facts of an emergency Consent (who, whose record, why, from when to when), or undefined. */
export function emergencyAccessOf(consent: Consent): EmergencyAccess | undefined {
  if (!isEmergencyConsent(consent)) return undefined;
  const patientId = /^Patient\/(.+)$/.exec(consent.patient?.reference ?? '')?.[1];
  const roles = (consent.provision?.actor ?? []).map((a) => /^PractitionerRole\/(.+)$/.exec(a.reference?.reference ?? '')?.[1]);
  const start = Date.parse(consent.provision?.period?.start ?? '');
  const end = Date.parse(consent.provision?.period?.end ?? '');
  if (!consent.id || !patientId || roles.length !== 1 || !roles[0] || Number.isNaN(start) || Number.isNaN(end)) return undefined;
  const longest = start + emergencyMinutes * 60_000;
  const data = consent.sourceAttachment?.title === reasonTitle ? consent.sourceAttachment.data : undefined;
  return {
    id: consent.id,
    patientId,
    practitionerRoleId: roles[0],
    reason: data ? Buffer.from(data, 'base64').toString('utf8') : '',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(Math.min(end, longest)).toISOString(),
  };
}

/** Who may break the glass: a clinician or paramedic account, for one person's record. */
export function mayOpenInEmergency(actor: Actor): boolean {
  return actor.kind === 'professional' && actor.role === 'clinician';
}
