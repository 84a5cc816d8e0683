import type { Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { decide, type Action, type Decision } from '../access/decide.ts';
import { versionSensitivity } from './version-sensitivity.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import type { StoredVersion } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';
import { loadGrants } from './load-grants.ts';
import { isRecordedAccess, recordAccess } from './audit-trail.ts';
import type { Interaction } from '../audit/build-audit-event.ts';

/**
 * Reading something one may not see answers exactly as if it did not exist, so that nobody can
 * learn whether another person's resource is there.
 */
export async function requireVisible(
  deps: RecordDeps,
  actor: Actor,
  action: Action,
  resourceType: string,
  id: string,
  version: StoredVersion | undefined,
): Promise<StoredVersion> {
  if (!version) throw notFound(resourceType, id);
  const grants = await loadGrants(deps, actor, version.compartment);
  // Each version is decided on what it said then; a deletion on the last content it had.
  const sensitivity = await versionSensitivity(deps, version, grants);
  const target = { resourceType, compartment: version.compartment, sensitivity, deleted: version.deleted };
  const decision = decide(actor, action, target, grants);
  // Reads are recorded here; a permitted change is recorded with the change itself, in its transaction.
  if (!decision.permit || action === 'read' || action === 'vread' || action === 'history') {
    await recordAccess(deps, actor, { patientId: version.compartment, interaction: interactionOf(action), entities: [`${resourceType}/${id}`], decision });
  }
  if (!decision.permit) {
    // Someone who can see it is told plainly she may not change it; anyone else learns nothing.
    const mayRead = action !== 'read' && action !== 'vread' && decide(actor, 'read', target, grants).permit;
    if (mayRead) throw new FhirError('forbidden', 'You can see this, but you do not have permission to change it.');
    throw notFound(resourceType, id);
  }
  return version;
}

function interactionOf(action: Action): Interaction {
  switch (action) {
    case 'history':
      return 'history-instance';
    case 'vread':
    case 'update':
    case 'delete':
      return action;
    default:
      return 'read';
  }
}

/** For writes the target compartment comes from the request itself, so a refusal reveals nothing stored. */
export async function requirePermitted(deps: RecordDeps, actor: Actor, action: Action, resourceType: string, compartment: string, resource?: Resource): Promise<Decision> {
  const grants = await loadGrants(deps, actor, compartment);
  const decision = decide(actor, action, { resourceType, compartment, ...(resource ? { resource } : {}) }, grants);
  if (!decision.permit) {
    // A refused change to someone's record goes in her log too (not for records that do not exist).
    if (isRecordedAccess(actor, compartment) && (await deps.store.read('Patient', compartment))) {
      const interaction = action === 'create' || action === 'update' || action === 'delete' ? action : 'operation';
      await recordAccess(deps, actor, { patientId: compartment, interaction, entities: resource?.id ? [`${resourceType}/${resource.id}`] : [], decision });
    }
    throw new FhirError('forbidden', 'You do not have permission to change this record.');
  }
  return decision;
}
