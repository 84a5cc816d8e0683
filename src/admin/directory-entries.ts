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

/** What each kind means, in the words README and the published CodeSystem use. */
export const organisationKindTypes: Record<OrganisationKind, { hl7: string; hl7Display: string; display: string; definition: string }> = {
  'hospital-discharge-team': { hl7: 'dept', hl7Display: 'Hospital Department', display: 'Hospital discharge team', definition: 'The team in a hospital that plans a person’s going home.' },
  'home-care-provider': { hl7: 'prov', hl7Display: 'Healthcare Provider', display: 'Home-care provider', definition: 'An organisation whose workers care for people in their own homes.' },
  'gp-practice': { hl7: 'prov', hl7Display: 'Healthcare Provider', display: 'GP practice', definition: 'A general practice: the person’s family doctors and their team.' },
  'local-area-coordination': { hl7: 'cg', hl7Display: 'Community Group', display: 'Local area coordination service', definition: 'A council or community service whose coordinators help people stay independent and connected.' },
};

/**
 * Each role with the SNOMED CT occupation that fits it: there is no occupation for a discharge
 * coordinator or a local area coordinator, so both carry Care coordinator (768820003), and the
 * Red Bag code says which; a clinician or paramedic is a Healthcare professional (223366009).
 */
export const professionalRoleTypes: Record<ProfessionalRole, { display: string; definition: string; occupation: { code: string; display: string } }> = {
  'discharge-coordinator': { display: 'Discharge coordinator', definition: 'Plans a person’s discharge from hospital with her and the services at home.', occupation: { code: '768820003', display: 'Care coordinator' } },
  'home-care-worker': { display: 'Home-care worker', definition: 'Visits and cares for people in their homes for a home-care provider.', occupation: { code: '184152007', display: 'Care assistant' } },
  coordinator: { display: 'Local area coordinator', definition: 'Helps a person find support in her community and coordinates it.', occupation: { code: '768820003', display: 'Care coordinator' } },
  clinician: { display: 'Clinician or paramedic', definition: 'A doctor, nurse, paramedic or other clinician who treats the person.', occupation: { code: '223366009', display: 'Healthcare professional' } },
};

const snomed = 'http://snomed.info/sct';

export function organisationResource(name: string, kind: OrganisationKind): Organization {
  const type = organisationKindTypes[kind];
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
    code: [{
      coding: [
        { system: snomed, code: professionalRoleTypes[role].occupation.code, display: professionalRoleTypes[role].occupation.display },
        { system: professionalRoleSystem, code: role, display: professionalRoleTypes[role].display },
      ],
      text: professionalRoleTypes[role].display,
    }],
  };
}

export function roleOf(practitionerRole: PractitionerRole): ProfessionalRole | undefined {
  const code = practitionerRole.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === professionalRoleSystem)?.code;
  return code && code in professionalRoleTypes ? (code as ProfessionalRole) : undefined;
}
