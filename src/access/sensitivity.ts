import type { CodeableConcept, Coding, Resource } from '@medplum/fhirtypes';
import { categoriesInText } from './sensitive-words.ts';

/**
 * Sensitive items — mental health, alcohol and drugs, sexual health, or anything the person has
 * marked restricted — are left out of every share unless the person includes them by name. An item
 * is sensitive when it carries a security label (meta.security), when its code is on the short
 * list below, or when what it is about (a condition, a medicine, a reason) names something
 * sensitive in words (sensitive-words.ts). A label in the person's own words — one that is not an
 * HL7 code — marks the item restricted. Pure: the store indexes the categories with each version, so searches can leave the
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
    const category = categoryOfLabel(label);
    if (category) found.add(category);
  }
  for (const concept of conceptsOf(resource)) {
    for (const coding of concept.coding ?? []) {
      const category = coding.system === snomed && coding.code ? sensitiveCodes.get(coding.code) : undefined;
      if (category) found.add(category);
      if (coding.display) for (const c of categoriesInText(coding.display)) found.add(c);
    }
    if (concept.text) for (const c of categoriesInText(concept.text)) found.add(c);
  }
  return [...found];
}

/**
 * A known HL7 label means its category (or nothing, for "normal" and the like); any other label is
 * one the person set in her own words, which can only mean she wants the item kept to herself.
 */
function categoryOfLabel(label: Coding): SensitiveCategory | undefined {
  const known = labelCategories.get(`${label.system}|${label.code}`);
  if (known) return known;
  if (label.system?.startsWith(hl7Terminology) && label.code) return undefined;
  return 'restricted';
}

const hl7Terminology = 'http://terminology.hl7.org/CodeSystem/';

/** The categories a share's provision.securityLabel includes by name. */
export function includedCategories(labels: readonly Coding[] | undefined): SensitiveCategory[] {
  const found = new Set<SensitiveCategory>();
  for (const label of labels ?? []) {
    const category = labelCategories.get(`${label.system}|${label.code}`);
    if (category) found.add(category);
  }
  return [...found];
}

/** What an item is about: its code, a medicine, and the reason or value of a few types. */
function conceptsOf(resource: Resource): CodeableConcept[] {
  const r = resource as {
    code?: CodeableConcept;
    reasonCode?: CodeableConcept[];
    valueCodeableConcept?: CodeableConcept;
    medicationCodeableConcept?: CodeableConcept;
  };
  const concepts = [r.code, ...(r.reasonCode ?? []), r.valueCodeableConcept, r.medicationCodeableConcept];
  return concepts.filter((c): c is CodeableConcept => c !== undefined);
}
