import type { Actor } from '../access/actor.ts';
import { decide } from '../access/decide.ts';
import type { Grant } from '../access/grants.ts';
import { sensitivityOf } from '../access/sensitivity.ts';
import type { StoredResource } from '../store/store.ts';

/** Whether the caller may read one stored resource: the per-row check behind every search page. */
export function visibleTo(actor: Actor, stored: StoredResource, grants: readonly Grant[]): boolean {
  // Sensitivity only matters through a share; skipping it spares parsing every row of a person's own searches.
  const throughShare = grants.some((g) => g.patientId === stored.compartment);
  const target = { resourceType: stored.resourceType, compartment: stored.compartment, ...(throughShare ? { sensitivity: sensitivityOf(stored.resource) } : {}) };
  return decide(actor, 'read', target, grants).permit;
}
