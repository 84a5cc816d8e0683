/** Every profile, ValueSet and CodeSystem of the wallet lives under this one base (see fhir-profiles/README.md). */
export const canonicalBase = 'https://redbag.example.org/fhir';

export const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';

/**
 * On a wallet StructureDefinition: true when the profile applies to every resource of its type
 * (the support plan to every CarePlan); false when only resources that claim it in meta.profile
 * must meet it (the emergency care and treatment plan is also a CarePlan).
 */
export const appliesByTypeExtension = `${canonicalBase}/StructureDefinition/applies-to-every-resource-of-its-type`;
