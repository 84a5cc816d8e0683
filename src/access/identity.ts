import type { Extension, Identifier, Patient } from '@medplum/fhirtypes';

export const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';

/** UK Core's extension on an NHS number saying whether it was checked (traced) or only given. */
export const verificationStatusUrl = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
export const verificationStatusSystem = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';

const verified: Extension = {
  url: verificationStatusUrl,
  valueCodeableConcept: { coding: [{ system: verificationStatusSystem, code: '01', display: 'Number present and verified' }] },
};
const notTraced: Extension = {
  url: verificationStatusUrl,
  valueCodeableConcept: { coding: [{ system: verificationStatusSystem, code: '02', display: 'Number present but not traced' }] },
};

/** Whether her NHS number was checked: `none` when she has given none. */
export type IdentityStatus = 'verified' | 'not-verified' | 'none';

export function nhsIdentifier(patient: Patient): Identifier | undefined {
  return patient.identifier?.find((i) => i.system === nhsNumberSystem && i.value);
}

/**
 * Verified only when the service said so: the UK Core status "01" and `use: official` together (a
 * card, which has no room for the extension, carries `use: official` alone; see cardIdentifier).
 */
export function identityStatus(patient: Patient): IdentityStatus {
  const identifier = nhsIdentifier(patient);
  if (!identifier) return 'none';
  return statusCode(identifier) === '01' && identifier.use === 'official' ? 'verified' : 'not-verified';
}

/**
 * What a reader of someone else's document (a crew's scanner) can tell: verified when the issuer
 * marked the number `official` and, where it says more, UK Core status "01". A card carries only
 * `use`; a full summary carries both.
 */
export function statedAsVerified(identifier: Identifier | undefined): boolean {
  if (!identifier || identifier.use !== 'official') return false;
  const code = statusCode(identifier);
  return code === undefined || code === '01';
}

/**
 * Her NHS number as a card carries it: `use: official` when verified, nothing else (the card's
 * ~750 bytes have no room for the extension); a crew's scanner reads `official` as verified.
 */
export function cardIdentifier(patient: Patient): Identifier[] | undefined {
  const identifier = nhsIdentifier(patient);
  if (!identifier) return undefined;
  return [{ system: nhsNumberSystem, value: identifier.value, ...(identityStatus(patient) === 'verified' ? { use: 'official' as const } : {}) }];
}

function statusCode(identifier: Identifier): string | undefined {
  return identifier.extension?.find((e) => e.url === verificationStatusUrl)?.valueCodeableConcept?.coding?.find((c) => c.system === verificationStatusSystem)?.code;
}

/**
 * What anyone but the service writes about her identity: the verification status is the service's
 * to set, never the writer's. Whatever status was sent is replaced: "verified" is kept only for the
 * same NHS number that was verified before, with the same date of birth; any other NHS number is
 * "present but not traced". So a person cannot mark herself verified, and changing the number, or
 * the date of birth it was checked against, undoes the check (a change of name keeps it: names
 * change for good reasons, and the number still identifies her).
 */
export function withVerificationKept(before: Patient | undefined, after: Patient): Patient {
  if (!after.identifier?.some((i) => i.system === nhsNumberSystem)) return after;
  const sameBirth = before?.birthDate === after.birthDate;
  const wasVerified = before && sameBirth && identityStatus(before) === 'verified' ? nhsIdentifier(before)?.value : undefined;
  return {
    ...after,
    identifier: after.identifier.map((identifier) => {
      if (identifier.system !== nhsNumberSystem) return identifier;
      const others = identifier.extension?.filter((e) => e.url !== verificationStatusUrl) ?? [];
      const { use: _ignored, ...rest } = identifier;
      const stillVerified = identifier.value !== undefined && identifier.value === wasVerified;
      return { ...rest, ...(stillVerified ? { use: 'official' as const } : {}), extension: [...others, stillVerified ? verified : notTraced] };
    }),
  };
}

/** Her Patient with this NHS number marked verified (an administrator checked it); undefined if the number is not hers. */
export function markedVerified(patient: Patient, nhsNumber: string): Patient | undefined {
  if (nhsIdentifier(patient)?.value !== nhsNumber) return undefined;
  return {
    ...patient,
    identifier: patient.identifier?.map((identifier) =>
      identifier.system === nhsNumberSystem
        ? { ...identifier, use: 'official' as const, extension: [...(identifier.extension?.filter((e) => e.url !== verificationStatusUrl) ?? []), verified] }
        : identifier,
    ),
  };
}

/** In words, for a printout or a professional's list. */
export function identityWords(status: IdentityStatus): string {
  return status === 'verified' ? 'NHS number verified' : status === 'not-verified' ? 'NHS number not verified (given by the person)' : 'No NHS number given';
}
