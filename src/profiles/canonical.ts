/** Every profile, ValueSet and CodeSystem of the wallet lives under this one base (see fhir-profiles/README.md). */
export const canonicalBase = 'https://redbag.example.org/fhir';

export const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';
