import type { CodeableConcept, Coding, Consent } from '@medplum/fhirtypes';
import { resourceTypesSystem } from './data-classes.ts';

/**
 * The grantee's part in a share: it receives the information. HL7 v3 ParticipationType IRCP, from
 * the code system that defines it (Consent.provision.actor.role is bound to SecurityRoleType,
 * which takes ParticipationType codes); "PROV" belongs to RoleClass, not to RoleCode.
 */
export const informationRecipient: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }],
};

/**
 * A share as a FHIR Consent (profile redbag-consent): the one way the portal, the demo data and the
 * carer arrangements write one, so they all mean the same to decide(). Pure and browser-safe.
 */
export function shareConsent(args: {
  patientId: string;
  /** `Organization/…`, `PractitionerRole/…`, `Practitioner/…`, `RelatedPerson/…` (or a urn:uuid in a transaction). */
  grantee: string;
  granteeRole?: CodeableConcept;
  resourceTypes: readonly string[];
  start: string;
  end: string;
  /** consentaction codes: access (read), collect (add notes), correct (manage). */
  actions?: readonly ('access' | 'collect' | 'correct')[];
  /** Sensitive categories included by name (provision.securityLabel). */
  securityLabels?: readonly Coding[];
  now: Date;
}): Consent {
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'INFA' }] }],
    patient: { reference: `Patient/${args.patientId}` },
    dateTime: args.now.toISOString(),
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      period: { start: args.start, end: args.end },
      actor: [{ role: args.granteeRole ?? informationRecipient, reference: { reference: args.grantee } }],
      action: (args.actions ?? ['access']).map((code) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code }] })),
      class: args.resourceTypes.map((code) => ({ system: resourceTypesSystem, code })),
      ...(args.securityLabels?.length ? { securityLabel: [...args.securityLabels] } : {}),
    },
  };
}
