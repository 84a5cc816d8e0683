import type { CodeableConcept, Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import type { ProfessionalRole } from '../access/actor.ts';
import { canonicalBase } from '../profiles/canonical.ts';

/**
 * The directory entries an admin makes, as FHIR: organisations and professionals' posts. Pure.
 * Each kind carries the HL7 organisation type that fits and our own, more precise code.
 */
export const organisationKinds = ['hospital-discharge-team', 'home-care-provider', 'gp-practice', 'local-area-coordination'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

const hl7OrganizationType = 'http://terminology.hl7.org/CodeSystem/organization-type';
export const organisationKindSystem = `${canonicalBase}/CodeSystem/organisation-kind`;
export const professionalRoleSystem = `${canonicalBase}/CodeSystem/professional-role`;

const kindTypes: Record<OrganisationKind, { hl7: string; hl7Display: string; display: string }> = {
  'hospital-discharge-team': { hl7: 'dept', hl7Display: 'Hospital Department', display: 'Hospital discharge team' },
  'home-care-provider': { hl7: 'prov', hl7Display: 'Healthcare Provider', display: 'Home-care provider' },
  'gp-practice': { hl7: 'prov', hl7Display: 'Healthcare Provider', display: 'GP practice' },
  'local-area-coordination': { hl7: 'cg', hl7Display: 'Community Group', display: 'Local area coordination service' },
};

const roleDisplays: Record<ProfessionalRole, string> = {
  'discharge-coordinator': 'Discharge coordinator',
  'home-care-worker': 'Home-care worker',
  coordinator: 'Local area coordinator',
  clinician: 'Clinician or paramedic',
};

export function organisationResource(name: string, kind: OrganisationKind): Organization {
  const type = kindTypes[kind];
  const concept: CodeableConcept = {
    coding: [
      { system: hl7OrganizationType, code: type.hl7, display: type.hl7Display },
      { system: organisationKindSystem, code: kind, display: type.display },
    ],
    text: type.display,
  };
  return { resourceType: 'Organization', active: true, name, type: [concept] };
}

export function kindOf(organization: Organization): OrganisationKind | undefined {
  const code = organization.type?.flatMap((t) => t.coding ?? []).find((c) => c.system === organisationKindSystem)?.code;
  return (organisationKinds as readonly string[]).includes(code ?? '') ? (code as OrganisationKind) : undefined;
}

export function practitionerResource(name: { given: string; family: string }, email: string): Practitioner {
  return { resourceType: 'Practitioner', active: true, name: [{ given: [name.given], family: name.family }], telecom: [{ system: 'email', value: email, use: 'work' }] };
}

/** `practitioner` is a reference: `Practitioner/<id>`, or a urn:uuid inside a transaction. */
export function practitionerRoleResource(practitioner: string, organizationId: string, role: ProfessionalRole): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    active: true,
    practitioner: { reference: practitioner },
    organization: { reference: `Organization/${organizationId}` },
    code: [{ coding: [{ system: professionalRoleSystem, code: role, display: roleDisplays[role] }], text: roleDisplays[role] }],
  };
}

export function roleOf(practitionerRole: PractitionerRole): ProfessionalRole | undefined {
  const code = practitionerRole.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === professionalRoleSystem)?.code;
  return code && code in roleDisplays ? (code as ProfessionalRole) : undefined;
}
