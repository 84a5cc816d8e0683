import type { Coding, Resource } from '@medplum/fhirtypes';

/**
 * Sensitive items — mental health, alcohol and drugs, sexual health, or anything the person has
 * marked restricted — are left out of every share unless the person includes them by name. An item
 * is sensitive when it carries a security label (meta.security) or when its code is on the short
 * lists below. Pure: the store indexes the categories with each version, so searches can leave the
 * items out in SQL and totals stay right.
 */
export const sensitiveCategories = ['mental-health', 'alcohol-and-drugs', 'sexual-health', 'restricted'] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

const actCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const confidentiality = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const snomed = 'http://snomed.info/sct';

/** The HL7 v3 security labels for each category: what a share lists in provision.securityLabel to include it. */
export const categoryLabels: Record<SensitiveCategory, Coding> = {
  'mental-health': { system: actCode, code: 'PSY', display: 'psychiatry information sensitivity' },
  'alcohol-and-drugs': { system: actCode, code: 'ETH', display: 'substance abuse information sensitivity' },
  'sexual-health': { system: actCode, code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
  restricted: { system: confidentiality, code: 'R', display: 'restricted' },
};

const labelCategories = new Map<string, SensitiveCategory>([
  [`${actCode}|PSY`, 'mental-health'],
  [`${actCode}|PSYTHPN`, 'mental-health'],
  [`${actCode}|ETH`, 'alcohol-and-drugs'],
  [`${actCode}|ETHUD`, 'alcohol-and-drugs'],
  [`${actCode}|SUD`, 'alcohol-and-drugs'],
  [`${actCode}|SEX`, 'sexual-health'],
  [`${actCode}|HIV`, 'sexual-health'],
  [`${actCode}|STD`, 'sexual-health'],
  [`${confidentiality}|R`, 'restricted'],
  [`${confidentiality}|V`, 'restricted'],
]);

/**
 * SNOMED CT concepts treated as sensitive without a label. A short list of the usual diagnoses, not
 * the whole hierarchy (we hold no terminology server); anything else can be labelled by the person.
 */
const sensitiveCodes = new Map<string, SensitiveCategory>([
  ['74732009', 'mental-health'], // Mental disorder
  ['35489007', 'mental-health'], // Depressive disorder
  ['197480006', 'mental-health'], // Anxiety disorder
  ['58214004', 'mental-health'], // Schizophrenia
  ['13746004', 'mental-health'], // Bipolar disorder
  ['47505003', 'mental-health'], // Posttraumatic stress disorder
  ['7200002', 'alcohol-and-drugs'], // Alcoholism
  ['15167005', 'alcohol-and-drugs'], // Alcohol abuse
  ['66590003', 'alcohol-and-drugs'], // Alcohol dependence
  ['86406008', 'sexual-health'], // Human immunodeficiency virus infection
  ['8098009', 'sexual-health'], // Sexually transmitted infectious disease
  ['105629000', 'sexual-health'], // Chlamydial infection
]);

/** The categories that make a resource sensitive; empty for everything else. */
export function sensitivityOf(resource: Resource): SensitiveCategory[] {
  const found = new Set<SensitiveCategory>();
  for (const label of resource.meta?.security ?? []) {
    const category = labelCategories.get(`${label.system}|${label.code}`);
    if (category) found.add(category);
  }
  for (const coding of codingsOf(resource)) {
    const category = coding.system === snomed && coding.code ? sensitiveCodes.get(coding.code) : undefined;
    if (category) found.add(category);
  }
  return [...found];
}

/** Whether a label is one a share can use to include sensitive items. */
export function isKnownSecurityLabel(label: Coding): boolean {
  return labelCategories.has(`${label.system}|${label.code}`);
}

/** The categories a share's provision.securityLabel includes by name. */
export function includedCategories(labels: readonly Coding[] | undefined): SensitiveCategory[] {
  const found = new Set<SensitiveCategory>();
  for (const label of labels ?? []) {
    const category = labelCategories.get(`${label.system}|${label.code}`);
    if (category) found.add(category);
  }
  return [...found];
}

/** The clinical codes that decide what an item is about: code, and the reason/value of a few types. */
function codingsOf(resource: Resource): Coding[] {
  const r = resource as { code?: { coding?: Coding[] }; reasonCode?: { coding?: Coding[] }[]; valueCodeableConcept?: { coding?: Coding[] } };
  return [...(r.code?.coding ?? []), ...(r.reasonCode ?? []).flatMap((c) => c.coding ?? []), ...(r.valueCodeableConcept?.coding ?? [])];
}
