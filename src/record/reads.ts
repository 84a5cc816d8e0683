import type { Actor } from '../access/actor.ts';
import { decide } from '../access/decide.ts';
import { narrowTo, searchScope } from '../access/search-scope.ts';
import { loadGrants } from './load-grants.ts';
import { visibleTo } from './visible.ts';
import { recordAccess } from './audit-trail.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import { recordTypes } from '../fhir/resource-types.ts';
import type { StoredResource } from '../store/store.ts';
import { requireVersionsAllowed } from './history.ts';
import type { RecordDeps } from './deps.ts';
import { requireVisible } from './guard.ts';
import { supportedType } from './supported-type.ts';

export async function read(deps: RecordDeps, actor: Actor, resourceType: string, id: string): Promise<StoredResource> {
  supportedType(resourceType);
  const version = await requireVisible(deps, actor, 'read', resourceType, id, await deps.store.read(resourceType, id));
  if (version.deleted) throw new FhirError('gone', `${resourceType}/${id} has been deleted.`);
  return version;
}

export async function vread(deps: RecordDeps, actor: Actor, resourceType: string, id: string, versionId: string): Promise<StoredResource> {
  supportedType(resourceType);
  await requireVersionsAllowed(deps, actor, 'vread', resourceType, id);
  const version = await requireVisible(deps, actor, 'vread', resourceType, id, await deps.store.vread(resourceType, id, versionId));
  if (version.deleted) throw new FhirError('gone', `Version ${versionId} of ${resourceType}/${id} records its deletion.`);
  return version;
}

/**
 * Patient/{id}/$everything: the whole record, type by type, each query confined to that record in
 * SQL. `types`: only these (a card reads its own sections, so a long record costs it nothing more).
 */
export async function everything(deps: RecordDeps, actor: Actor, patientId: string, operation = '$everything', types: readonly string[] = everythingTypes): Promise<StoredResource[]> {
  const grants = await loadGrants(deps, actor, patientId);
  const decision = decide(actor, 'operation', { resourceType: 'Patient', compartment: patientId }, grants);
  // What the caller may see of this one record, type by type: for a share, only the shared types.
  const scopeOf = (resourceType: string) => narrowTo(searchScope(actor, resourceType, grants), patientId);
  // Her Patient, where her record keeps it, is asked for in the same statement as the lists: when it is
  // there, the record exists and nothing more need be read. Otherwise it is read by id, to say why not.
  const own = { resourceType: 'Patient', scope: { compartments: [patientId] } };
  const lists = decision.permit
    ? await deps.store.listEach([own, ...types.map((resourceType) => ({ resourceType, scope: scopeOf(resourceType) }))], everythingLimit)
    : undefined;
  const [ownList, ...typeLists] = lists ?? [];
  if (!ownList?.some((stored) => stored.id === patientId)) {
    const patient = await deps.store.read('Patient', patientId);
    if (!patient || patient.deleted || !decision.permit) {
      if (patient) await recordAccess(deps, actor, { patientId, interaction: 'operation', operation, entities: [], decision });
      throw notFound('Patient', patientId);
    }
  }
  const shown = typeLists.flat().filter((stored) => visibleTo(actor, stored, grants));
  await recordAccess(deps, actor, { patientId, interaction: 'operation', operation, entities: shown.map((s) => `${s.resourceType}/${s.id}`), decision });
  return shown;
}

/** The record without its audit trail: the access log is read on its own (AuditEvent search, access-log). */
const everythingTypes = recordTypes.filter((type) => type !== 'AuditEvent');

/** A person's record holds tens to hundreds of entries; this bound only stops a runaway response. */
const everythingLimit = 10_000;
