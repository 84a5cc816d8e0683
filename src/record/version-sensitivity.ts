import type { Grant } from '../access/grants.ts';
import { sensitivityOf, type SensitiveCategory } from '../access/sensitivity.ts';
import type { Resource } from '@medplum/fhirtypes';
import type { RecordDeps } from './deps.ts';

/** One version as the access decision needs it: where it is, and what it said (nothing for a deletion). */
export interface VersionFacts {
  compartment: string;
  resourceType: string;
  id: string;
  versionId: string;
  deleted: boolean;
  resource?: Resource;
}

/**
 * The sensitive categories of one version, as that version was. A deletion has no content of its
 * own: it keeps the sensitivity of the last content it had, so that deleting an HIV diagnosis does
 * not make its tombstone (or its history) readable by someone who never could see the diagnosis.
 * Only looked at when the caller reads through a share; the person's own reads skip the parsing.
 * `earlier` may hold versions already loaded (a history page), to spare a read per deletion.
 */
export async function versionSensitivity(
  deps: RecordDeps,
  version: VersionFacts,
  grants: readonly Grant[],
  earlier?: ReadonlyMap<string, Resource>,
): Promise<SensitiveCategory[]> {
  if (!grants.some((g) => g.patientId === version.compartment)) return [];
  if (!version.deleted) return version.resource ? sensitivityOf(version.resource) : [];
  const last = await lastContent(deps, version, earlier);
  return last ? sensitivityOf(last) : [];
}

/** The content a deletion removed: the version before it (deleting twice makes no second tombstone). */
async function lastContent(deps: RecordDeps, version: VersionFacts, earlier?: ReadonlyMap<string, Resource>): Promise<Resource | undefined> {
  const previous = String(Number(version.versionId) - 1);
  const known = earlier?.get(versionKey(version.resourceType, version.id, previous));
  if (known) return known;
  const stored = await deps.store.vread(version.resourceType, version.id, previous);
  return stored && !stored.deleted ? stored.resource : undefined;
}

export const versionKey = (resourceType: string, id: string, versionId: string): string => `${resourceType}/${id}/_history/${versionId}`;
