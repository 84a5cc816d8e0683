import { createHash } from 'node:crypto';
import type { AllergyIntolerance, Bundle, CarePlan, Condition, MedicationStatement, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';
import { words } from '../summary/describe.ts';

/** One thing a card shows: an allergy, a health problem, a medicine, the emergency plan, a contact. */
export interface CardItem {
  /** `AllergyIntolerance/123`: the same resource on two cards is the same item. */
  key: string;
  kind: CardItemKind;
  /** Its name in plain words, for "an allergy was added (Penicillin)". */
  label: string;
  /** A digest of the resource's content (not its version or date), so an edit shows as a change. */
  digest: string;
}

export type CardItemKind = 'allergy' | 'problem' | 'medicine' | 'emergency-plan' | 'contact';

const emergencyPlanProfile = `${canonicalBase}/StructureDefinition/redbag-emergency-care-plan`;

/**
 * What a card made from this summary shows, item by item: the parts a crew acts on (allergies,
 * problems, medicines, emergency plan, contacts). Kept with each card so that a later record can
 * be compared with it. Pure.
 */
export function cardSnapshot(summary: Bundle): CardItem[] {
  const items: CardItem[] = [];
  for (const entry of summary.entry ?? []) {
    const resource = entry.resource;
    const described = resource ? describeItem(resource) : undefined;
    if (!resource || !described) continue;
    items.push({ key: `${resource.resourceType}/${resource.id}`, ...described, digest: resourceDigest(resource) });
  }
  return items.sort((a, b) => a.key.localeCompare(b.key));
}

/** Two cards with the same content digest show the same things. */
export function contentDigest(items: readonly CardItem[]): string {
  return createHash('sha256').update(JSON.stringify(items.map((i) => [i.key, i.digest]))).digest('base64url');
}

function describeItem(resource: Resource): { kind: CardItemKind; label: string } | undefined {
  switch (resource.resourceType) {
    case 'AllergyIntolerance':
      return { kind: 'allergy', label: words((resource as AllergyIntolerance).code) };
    case 'Condition':
      return { kind: 'problem', label: words((resource as Condition).code) };
    case 'MedicationStatement':
      return { kind: 'medicine', label: words((resource as MedicationStatement).medicationCodeableConcept) };
    case 'CarePlan':
      return resource.meta?.profile?.includes(emergencyPlanProfile) ? { kind: 'emergency-plan', label: (resource as CarePlan).title ?? 'emergency care and treatment plan' } : undefined;
    case 'RelatedPerson':
      return { kind: 'contact', label: contactName(resource as RelatedPerson) };
    default:
      return undefined;
  }
}

function contactName(person: RelatedPerson): string {
  const name = person.name?.[0];
  return name?.text ?? ([name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'a contact');
}

/** The content only: meta (version, last updated) changes on every save and says nothing new. */
function resourceDigest(resource: Resource): string {
  const { meta: _meta, text: _text, ...content } = resource as Resource & { text?: unknown };
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}
