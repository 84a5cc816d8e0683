import type { Reference, Resource } from '@medplum/fhirtypes';

/** A reference found inside a resource, with the FHIRPath-like location people and tools can read. */
export interface FoundReference {
  path: string;
  reference: string;
}

/** Every `reference` string in a resource, with where it sits (e.g. `CarePlan.goal[0]`). */
export function findReferences(resource: Resource): FoundReference[] {
  const found: FoundReference[] = [];
  walk(resource, resource.resourceType, (node, path) => {
    if (typeof node.reference === 'string') found.push({ path, reference: node.reference });
  });
  return found;
}

/** Rewrites references in place (transaction Bundles: urn:uuid → Type/id). */
export function rewriteReferences(resource: Resource, rewrite: (reference: string) => string | undefined): void {
  walk(resource, resource.resourceType, (node) => {
    if (typeof node.reference === 'string') {
      const replacement = rewrite(node.reference);
      if (replacement !== undefined) (node as Reference).reference = replacement;
    }
  });
}

function walk(node: unknown, path: string, visit: (node: Record<string, unknown>, path: string) => void): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  visit(record, path);
  for (const [key, value] of Object.entries(record)) {
    // Contained resources and the narrative hold no references of the record's own. (A key named
    // "reference" can hold a whole Reference, as in Consent.provision.actor.reference: walk into it.)
    if (key === 'text' || key === 'contained') continue;
    if (value !== null && typeof value === 'object') walk(value, `${path}.${key}`, visit);
  }
}

const relative = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** `Type/id` (optionally versioned) → its parts; anything else (urn:, absolute URL, #contained) → undefined. */
export function parseRelativeReference(reference: string): { resourceType: string; id: string } | undefined {
  const match = relative.exec(reference);
  return match ? { resourceType: match[1]!, id: match[2]! } : undefined;
}
