import type { Scope, ScopePart } from '../store/store.ts';
import { directoryTypes } from '../fhir/resource-types.ts';
import type { Actor } from './actor.ts';
import type { Grant } from './grants.ts';
import { sensitiveCategories } from './sensitivity.ts';
import { scopesPermit } from './smart-scopes.ts';
import { decideVersions } from './decide.ts';
import { mayOpenInEmergency } from './emergency-access.ts';

/**
 * Which records a search or history query may touch, given the same grants decide() sees. The store
 * applies it in SQL, so what a share leaves out never reaches a page, and totals and paging links
 * count only what the caller may see. decide() still checks every row it returns.
 */
export function searchScope(actor: Actor, resourceType: string | undefined, allGrants: readonly Grant[] = []): Scope {
  // An emergency access counts for a clinician only, as in decide().
  const grants = allGrants.filter((g) => !g.emergency || mayOpenInEmergency(actor));
  if (resourceType !== undefined && directoryTypes.has(resourceType)) {
    return actor.kind === 'anonymous' || actor.kind === 'link' ? nothing : { compartments: [''] };
  }
  switch (actor.kind) {
    case 'anonymous':
    case 'admin':
      return nothing;
    case 'system':
      return 'everything';
    case 'link':
      return { compartments: [actor.patientId] };
    case 'person': {
      const parts = partsOf(grants, resourceType);
      return parts.length > 0 ? { compartments: [actor.patientId], parts } : { compartments: [actor.patientId] };
    }
    case 'professional':
      return { compartments: [], parts: partsOf(grants, resourceType) };
    case 'client':
      if (resourceType === undefined || !scopesPermit(actor.scopes, resourceType, 's')) return nothing;
      return { compartments: [], parts: partsOf(grants, resourceType) };
  }
}

/**
 * Which records a history query may touch. History shows earlier versions and deletions: the
 * person's own (and her carers') business, not something a share passes on, so professionals and
 * hospital systems get none. Sensitive items are not left out here: the index marks only what an
 * item is now, while a version was what it was then, so record/ decides each version with decide().
 */
export function historyScope(actor: Actor, resourceType: string | undefined, grants: readonly Grant[] = []): Scope {
  if (!decideVersions(actor).permit) return nothing;
  const scope = searchScope(actor, resourceType, grants);
  if (scope === 'everything' || !scope.parts) return scope;
  return { ...scope, parts: scope.parts.map(({ compartment, resourceTypes }) => ({ compartment, ...(resourceTypes ? { resourceTypes } : {}) })) };
}

/** One part per share that lets the caller read this type (every shared type when none is given). */
function partsOf(grants: readonly Grant[], resourceType: string | undefined): ScopePart[] {
  return grants
    .filter((g) => g.actions.has('read') && (resourceType === undefined || g.resourceTypes.has(resourceType)))
    .map((g) => ({
      compartment: g.patientId,
      resourceTypes: resourceType === undefined ? [...g.resourceTypes] : [resourceType],
      withoutSensitive: sensitiveCategories.filter((c) => !g.sensitive.has(c)),
    }));
}

/** One compartment of a scope: a query about one person's record stays inside it. */
export function narrowTo(scope: Scope, compartment: string): Scope {
  if (scope === 'everything') return { compartments: [compartment] };
  return {
    compartments: scope.compartments.filter((c) => c === compartment),
    parts: (scope.parts ?? []).filter((p) => p.compartment === compartment),
  };
}

const nothing: Scope = { compartments: [] };
