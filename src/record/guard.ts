import type { Actor } from '../access/actor.ts';
import { decide, type Action } from '../access/decide.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import type { StoredVersion } from '../store/store.ts';

/**
 * Reading something one may not see answers exactly as if it did not exist, so that nobody can
 * learn whether another person's resource is there.
 */
export function requireVisible(
  actor: Actor,
  action: Action,
  resourceType: string,
  id: string,
  version: StoredVersion | undefined,
): StoredVersion {
  if (!version || !decide(actor, action, { resourceType, compartment: version.compartment }).permit) {
    throw notFound(resourceType, id);
  }
  return version;
}

/** For writes the target compartment comes from the request itself, so a refusal reveals nothing stored. */
export function requirePermitted(actor: Actor, action: Action, resourceType: string, compartment: string): void {
  if (!decide(actor, action, { resourceType, compartment }).permit) {
    throw new FhirError('forbidden', 'You do not have permission to change this record.');
  }
}
