import type { Bundle, Coding, Resource } from '@medplum/fhirtypes';
import { wordsRestorable } from './offline-words.ts';

/**
 * The FHIR Bundle a SMART Health Card carries, minimised as the specification asks: type
 * collection, fullUrls `resource:N`, references rewritten to them, and no Resource.id,
 * Resource.meta (except meta.security), narrative text, and Coding.display wherever the scanner
 * ships the code's words offline (offline-words.ts: the portal's pick-lists), so a crew still reads
 * "Codeine", never 387494007 (hazard H8). Words it cannot put back stay: a Coding.display it does
 * not know, and CodeableConcept.text when no coding carries words (what she typed herself).
 * Pure.
 */
export function minimiseBundle(resources: Resource[], addressOf: (r: Resource) => string[]): Bundle {
  const index = new Map<string, string>();
  resources.forEach((resource, i) => {
    for (const address of addressOf(resource)) index.set(address, `resource:${i}`);
  });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource, i) => ({ fullUrl: `resource:${i}`, resource: strip(resource, index) as Resource })),
  };
}

function strip(node: unknown, index: Map<string, string>, key?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => strip(item, index, key));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const isCodeableConcept = Array.isArray(record.coding);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (key === undefined && (k === 'id' || k === 'text')) continue; // top level of a resource
    if (key === undefined && k === 'meta') {
      const security = (v as { security?: unknown }).security;
      if (security) out.meta = { security };
      continue;
    }
    if (k === 'text' && isCodeableConcept && (record.coding as Coding[]).some(carriesWords)) continue;
    if (k === 'display' && isCoding(record) && wordsRestorable(record)) continue;
    if (k === 'reference' && typeof v === 'string') {
      out.reference = index.get(v) ?? v;
      continue;
    }
    out[k] = strip(v, index, k);
  }
  return out;
}

const isCoding = (node: Record<string, unknown>): node is Coding & Record<string, unknown> => typeof node.system === 'string' && typeof node.code === 'string';

/** A coding a crew can read: its own words, or words the scanner has for it. */
const carriesWords = (coding: Coding): boolean => coding.display !== undefined || (isCoding(coding as Record<string, unknown>) && wordsRestorable(coding));
