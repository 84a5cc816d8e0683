import type { Bundle, Resource } from '@medplum/fhirtypes';

/**
 * The FHIR Bundle a SMART Health Card carries, minimised as the specification asks: type
 * collection, fullUrls `resource:N`, references rewritten to them, and no Resource.id,
 * Resource.meta (except meta.security), narrative text, or CodeableConcept.text beside a coding.
 * Coding.display is KEPT, against the specification's "should remove": a crew scanning offline
 * has no terminology server, and "Codeine — anaphylaxis" must read as words, not as 387494007.
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
    if (k === 'text' && isCodeableConcept && (record.coding as unknown[]).length > 0) continue;
    if (k === 'reference' && typeof v === 'string') {
      out.reference = index.get(v) ?? v;
      continue;
    }
    out[k] = strip(v, index, k);
  }
  return out;
}
