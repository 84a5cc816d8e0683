import type { Resource } from '@medplum/fhirtypes';
import { FhirError } from '../../fhir/errors.ts';
import type { StoredResource, Write, WriteResult } from '../store.ts';
import type { SqlExecutor } from './executor.ts';
import { search } from './reads.ts';
import { logicalCompartment, storedCompartment } from './placement.ts';
import { rowChanges } from './one-statement.ts';
import { clearIndexes, groupBy, insertIndexes, insertLocations, insertVersions, refusingTakenIds, type RowKey, type VersionRow } from './write-rows.ts';

/** The current row of a resource about to change. */
interface Current extends RowKey {
  versionId: number;
  deleted: boolean;
}

/**
 * Applies writes inside a transaction the adapter has opened. Any FhirError thrown here makes the
 * adapter roll the whole transaction back. `lockForConditionalCreate` serialises If-None-Exist
 * creates in the same record (PostgreSQL advisory lock; SQLite already writes one at a time).
 *
 * Writes are applied in runs: each run's rows go in a few statements whatever its size (write-rows.ts).
 * A run ends where a write touches a resource the run already touches, or is a conditional create
 * (whose search must see every write before it), so the outcome is that of applying them one by one.
 */
export async function applyWrites(
  db: SqlExecutor,
  writes: readonly Write[],
  now: Date,
  lockForConditionalCreate: (key: string) => Promise<void>,
): Promise<WriteResult[]> {
  const lastUpdated = now.toISOString();
  const results: WriteResult[] = [];
  let run: Write[] = [];
  const touched = new Set<string>();
  const flush = async (): Promise<void> => {
    if (run.length > 0) results.push(...(await applyRun(db, run, lastUpdated)));
    run = [];
    touched.clear();
  };
  for (const write of writes) {
    const key = write.kind === 'delete' ? `${write.resourceType}/${write.id}` : `${write.resource.resourceType}/${write.resource.id}`;
    if (touched.has(key) || (write.kind === 'create' && write.ifNoneExist)) await flush();
    if (write.kind === 'create' && write.ifNoneExist) {
      const { resource, compartment, ifNoneExist } = write;
      await lockForConditionalCreate(`${compartment}/${resource.resourceType}`);
      const found = await search(db, { resourceType: resource.resourceType, filters: ifNoneExist.filters, sort: [], count: 2, offset: 0, total: false, scope: ifNoneExist.scope });
      if (found.resources.length > 1) throw new FhirError('precondition-failed', 'More than one resource matches If-None-Exist; make the condition more specific.');
      const [existing] = found.resources;
      if (existing) {
        results.push({ outcome: 'existing', stored: existing });
        continue;
      }
    }
    run.push(write);
    touched.add(key);
  }
  await flush();
  return results;
}

/** One run of writes, no two to the same resource, in a constant number of statements. */
async function applyRun(db: SqlExecutor, writes: readonly Write[], lastUpdated: string): Promise<WriteResult[]> {
  const currents = await currentRows(db, writes.filter((w) => w.kind !== 'create'));
  const results: WriteResult[] = [];
  const locations: RowKey[] = [];
  const versions: VersionRow[] = [];
  const cleared: RowKey[] = [];
  const indexed: Array<{ compartment: string; resource: StoredResource['resource'] }> = [];
  for (const write of writes) {
    if (write.kind === 'create') {
      const placed = storedCompartment(write.compartment, write.resource.resourceType, write.resource.id);
      const stored = newVersion(placed, write.resource, 1, lastUpdated);
      locations.push({ compartment: placed, resourceType: stored.resourceType, id: stored.id });
      versions.push({ compartment: placed, resourceType: stored.resourceType, id: stored.id, versionId: 1, lastUpdated, content: stored.json });
      indexed.push({ compartment: placed, resource: stored.resource });
      results.push({ outcome: 'created', stored });
    } else if (write.kind === 'update') {
      const { resource, compartment } = write;
      const existing = currents.get(`${resource.resourceType}/${resource.id}`);
      if (!existing) throw new FhirError('not-found', `${resource.resourceType}/${resource.id} was not found.`);
      checkIfMatch(write.ifMatch, existing);
      if (logicalCompartment(existing.compartment) !== compartment) throw new FhirError('conflict', `${resource.resourceType}/${resource.id} belongs to another record.`);
      const stored = newVersion(existing.compartment, resource, existing.versionId + 1, lastUpdated);
      versions.push({ ...existing, versionId: existing.versionId + 1, lastUpdated, content: stored.json });
      cleared.push(existing);
      indexed.push({ compartment: existing.compartment, resource: stored.resource });
      results.push({ outcome: 'updated', stored });
    } else {
      const existing = currents.get(`${write.resourceType}/${write.id}`);
      if (!existing) throw new FhirError('not-found', `${write.resourceType}/${write.id} was not found.`);
      if (existing.deleted) {
        results.push({ outcome: 'already-deleted', resourceType: write.resourceType, id: write.id });
        continue;
      }
      checkIfMatch(write.ifMatch, existing);
      const versionId = existing.versionId + 1;
      versions.push({ ...existing, versionId, lastUpdated, content: null });
      cleared.push(existing);
      results.push({ outcome: 'deleted', resourceType: write.resourceType, id: write.id, versionId: String(versionId), lastUpdated });
    }
  }
  // New ids first. On SQLite a clash is refused before anything else is written; on PostgreSQL the rows
  // go together, as one statement, when `changes` is sent (one-statement.ts), and a clash refuses all of
  // it. Either way the transaction rolls back.
  const changes = rowChanges(db);
  await insertLocations(db, locations, changes);
  await clearIndexes(db, cleared, changes);
  await insertVersions(changes, versions);
  await insertIndexes(db, indexed, changes);
  await refusingTakenIds(db, locations, () => changes.send());
  return results;
}

/**
 * The current rows of the resources an update or delete changes, locked on PostgreSQL. The record
 * layer gives each write its record, so the rows are looked for there, one statement per record (one
 * shard on Citus); only a resource not found there is looked up by id, to tell "not found" from
 * "in another record".
 */
async function currentRows(db: SqlExecutor, writes: readonly Write[]): Promise<Map<string, Current>> {
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const found = new Map<string, Current>();
  const keys = writes.map((w) => {
    const [resourceType, id] = w.kind === 'delete' ? [w.resourceType, w.id] : [w.resource.resourceType, w.resource.id];
    return { resourceType, id, compartment: w.compartment === undefined ? undefined : storedCompartment(w.compartment, resourceType, id) };
  });
  const placed = keys.filter((k): k is RowKey => k.compartment !== undefined);
  for (const [compartment, inCompartment] of groupBy(placed, (k) => k.compartment)) {
    const pairs = inCompartment.map(() => '(?, ?)').join(', ');
    const rows = await db.all<{ resource_type: string; id: string; version_id: number | string; deleted: number | string | boolean }>(
      `SELECT resource_type, id, version_id, deleted FROM resources WHERE compartment = ? AND (resource_type, id) IN (${pairs})${forUpdate}`,
      [compartment, ...inCompartment.flatMap((k) => [k.resourceType, k.id])],
    );
    for (const row of rows) found.set(`${row.resource_type}/${row.id}`, currentOf(compartment, row));
  }
  // Not where the write said (or it did not say): where the id lives, if anywhere.
  for (const key of keys.filter((k) => !found.has(`${k.resourceType}/${k.id}`))) {
    const [location] = await db.all<{ compartment: string }>(`SELECT compartment FROM resource_locations WHERE resource_type = ? AND id = ?${forUpdate}`, [key.resourceType, key.id]);
    if (!location) continue;
    const [row] = await db.all<{ resource_type: string; id: string; version_id: number | string; deleted: number | string | boolean }>(
      `SELECT resource_type, id, version_id, deleted FROM resources WHERE compartment = ? AND resource_type = ? AND id = ?${forUpdate}`,
      [location.compartment, key.resourceType, key.id],
    );
    if (row) found.set(`${key.resourceType}/${key.id}`, currentOf(location.compartment, row));
  }
  return found;
}

function currentOf(compartment: string, row: { resource_type: string; id: string; version_id: number | string; deleted: number | string | boolean }): Current {
  return { compartment, resourceType: row.resource_type, id: row.id, versionId: Number(row.version_id), deleted: Boolean(Number(row.deleted)) };
}

function checkIfMatch(ifMatch: string | undefined, existing: Current): void {
  if (ifMatch !== undefined && ifMatch !== String(existing.versionId)) {
    const { resourceType, id, versionId } = existing;
    throw new FhirError('precondition-failed', `${resourceType}/${id} has changed since version ${ifMatch} (it is now version ${versionId}). Read it again, then make your change.`);
  }
}

/** `compartment` is the stored one (placement.ts); the result carries the logical one. */
function newVersion(compartment: string, resource: Resource & { id: string }, version: number, lastUpdated: string): StoredResource {
  const { resourceType, id, meta, ...rest } = resource;
  const stored = { resourceType, id, meta: { ...meta, versionId: String(version), lastUpdated }, ...rest } as StoredResource['resource'];
  return { compartment: logicalCompartment(compartment), resourceType, id, versionId: String(version), lastUpdated, resource: stored, json: JSON.stringify(stored) };
}

/** A single resource's index rows, recomputed (reindex.ts): its old rows out, its current ones in. */
export async function rewriteIndex(db: SqlExecutor, compartment: string, resource: StoredResource['resource']): Promise<void> {
  await clearIndexes(db, [{ compartment, resourceType: resource.resourceType, id: resource.id }]);
  await insertIndexes(db, [{ compartment, resource }]);
}

