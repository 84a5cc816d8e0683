import type { Coding } from '@medplum/fhirtypes';
import allergens from '../../fhir-profiles/ValueSet-redbag-allergens.json' with { type: 'json' };
import conditions from '../../fhir-profiles/ValueSet-redbag-long-term-conditions.json' with { type: 'json' };
import relationships from '../../fhir-profiles/ValueSet-redbag-relationships.json' with { type: 'json' };
import resuscitation from '../../fhir-profiles/ValueSet-redbag-resuscitation.json' with { type: 'json' };

/**
 * The words of every code a Red Bag card may carry without them: the portal's pick-lists, the
 * resuscitation recommendations, and "no known allergy". The scanner
 * ships this table, so an offline crew reads "Codeine", never 387494007 (hazard H8); the issuer
 * uses the same table to decide which `Coding.display` it may leave off a card. Pure.
 */
interface PickList {
  compose: { include: Array<{ system: string; concept?: Array<{ code: string; display: string }> }> };
}

const key = (system: string | undefined, code: string | undefined): string => `${system ?? ''}|${code ?? ''}`;

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const list of [allergens, conditions, relationships, resuscitation] as PickList[]) {
    for (const include of list.compose.include) for (const c of include.concept ?? []) table.set(key(include.system, c.code), c.display);
  }
  // Not an allergen (the pick-list no longer offers it), but the statement a card may carry.
  table.set(key('http://snomed.info/sct', '716186003'), 'No known allergy');
  return table;
}

const table = buildTable();

export function offlineWords(system: string | undefined, code: string | undefined): string | undefined {
  return table.get(key(system, code));
}

/**
 * True when a scanner can put back exactly the words this coding carries: the same words (letter
 * case and spaces aside) as its table. A code whose words differ (an import from another system, a
 * mistake) keeps its own display, so nobody ever reads words the record did not hold.
 */
export function wordsRestorable(coding: Coding): boolean {
  const known = offlineWords(coding.system, coding.code);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return known !== undefined && (coding.display === undefined || same(coding.display, known));
}

/** A copy with every Coding's missing display filled in from the table (for the scanner). */
export function withOfflineWords<T>(node: T): T {
  return withDisplays(node, (coding) => (coding.display === undefined ? offlineWords(coding.system, coding.code) : undefined));
}

/** A copy in which each Coding (system and code set) gets the display `displayOf` gives, if any; the rest as it was. */
export function withDisplays<T>(node: T, displayOf: (coding: Coding) => string | undefined): T {
  if (Array.isArray(node)) return node.map((item) => withDisplays(item, displayOf)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = withDisplays(v, displayOf);
  const coding = out as Coding;
  if (typeof coding.code === 'string' && typeof coding.system === 'string') {
    const words = displayOf(coding);
    if (words) out.display = words;
  }
  return out as T;
}
