import type { Resource } from '@medplum/fhirtypes';
import { FhirError } from '../../fhir/errors.ts';
import { extractIndexValues } from '../../search/extract-index-values.ts';
import type { StoredResource, Write, WriteResult } from '../store.ts';
import type { SqlExecutor } from './executor.ts';
import { search } from './reads.ts';
import { logicalCompartment, storedCompartment } from './placement.ts';

interface Current {
  /** Stored (see placement.ts). */
  compartment: string;
  version_id: number | string;
  deleted: number | string | boolean;
}

/**
 * Applies writes inside a transaction the adapter has opened. Any FhirError thrown here makes the
 * adapter roll the whole transaction back. `lockForConditionalCreate` serialises If-None-Exist
 * creates in the same record (PostgreSQL advisory lock; SQLite already writes one at a time).
 */
export async function applyWrites(
  db: SqlExecutor,
  writes: readonly Write[],
  now: Date,
  lockForConditionalCreate: (key: string) => Promise<void>,
): Promise<WriteResult[]> {
  const lastUpdated = now.toISOString();
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  // The id's row in resource_locations is the lock (Citus: one shard, found by the id); then the
  // resource's row in its own compartment (one shard, found by the compartment).
  const current = async (resourceType: string, id: string): Promise<Current | undefined> => {
    const [location] = await db.all<{ compartment: string }>(`SELECT compartment FROM resource_locations WHERE resource_type = ? AND id = ?${forUpdate}`, [resourceType, id]);
    if (!location) return undefined;
    return (await db.all<Current>(
      `SELECT compartment, version_id, deleted FROM resources WHERE compartment = ? AND resource_type = ? AND id = ?${forUpdate}`,
      [location.compartment, resourceType, id],
    ))[0];
  };

  const results: WriteResult[] = [];
  for (const write of writes) {
    if (write.kind === 'create') {
      const { resource, compartment } = write;
      if (write.ifNoneExist) {
        await lockForConditionalCreate(`${compartment}/${resource.resourceType}`);
        const found = await search(db, { resourceType: resource.resourceType, filters: write.ifNoneExist.filters, sort: [], count: 2, offset: 0, total: false, scope: write.ifNoneExist.scope });
        if (found.resources.length > 1) throw new FhirError('precondition-failed', 'More than one resource matches If-None-Exist; make the condition more specific.');
        const [existing] = found.resources;
        if (existing) {
          results.push({ outcome: 'existing', stored: existing });
          continue;
        }
      }
      if (await current(resource.resourceType, resource.id)) throw alreadyExists(resource.resourceType, resource.id);
      const placed = storedCompartment(compartment, resource.resourceType, resource.id);
      await locate(db, placed, resource.resourceType, resource.id);
      results.push({ outcome: 'created', stored: await storeVersion(db, placed, resource, 1, lastUpdated) });
    } else if (write.kind === 'update') {
      const { resource, compartment } = write;
      const existing = await current(resource.resourceType, resource.id);
      if (!existing) throw new FhirError('not-found', `${resource.resourceType}/${resource.id} was not found.`);
      checkIfMatch(write.ifMatch, existing, resource.resourceType, resource.id);
      if (logicalCompartment(existing.compartment) !== compartment) throw new FhirError('conflict', `${resource.resourceType}/${resource.id} belongs to another record.`);
      results.push({ outcome: 'updated', stored: await storeVersion(db, existing.compartment, resource, Number(existing.version_id) + 1, lastUpdated) });
    } else {
      const existing = await current(write.resourceType, write.id);
      if (!existing) throw new FhirError('not-found', `${write.resourceType}/${write.id} was not found.`);
      if (Number(existing.deleted)) {
        results.push({ outcome: 'already-deleted', resourceType: write.resourceType, id: write.id });
        continue;
      }
      checkIfMatch(write.ifMatch, existing, write.resourceType, write.id);
      const versionId = Number(existing.version_id) + 1;
      await writeRow(db, existing.compartment, write.resourceType, write.id, versionId, lastUpdated, null);
      await clearIndex(db, existing.compartment, write.resourceType, write.id);
      results.push({ outcome: 'deleted', resourceType: write.resourceType, id: write.id, versionId: String(versionId), lastUpdated });
    }
  }
  return results;
}

function checkIfMatch(ifMatch: string | undefined, existing: Current, resourceType: string, id: string): void {
  if (ifMatch !== undefined && ifMatch !== String(existing.version_id)) {
    throw new FhirError('precondition-failed', `${resourceType}/${id} has changed since version ${ifMatch} (it is now version ${existing.version_id}). Read it again, then make your change.`);
  }
}

const alreadyExists = (resourceType: string, id: string): FhirError => new FhirError('conflict', `${resourceType}/${id} already exists.`);

/** Where a new id lives; its primary key also refuses the same id made at once in two records. */
async function locate(db: SqlExecutor, compartment: string, resourceType: string, id: string): Promise<void> {
  try {
    await db.run('INSERT INTO resource_locations (resource_type, id, compartment) VALUES (?, ?, ?)', [resourceType, id, compartment]);
  } catch (err) {
    if (isUniqueClash(err, 'resource_locations')) throw alreadyExists(resourceType, id);
    throw err;
  }
}

/** `compartment` is the stored one (placement.ts); the result carries the logical one. */
async function storeVersion(db: SqlExecutor, compartment: string, resource: Resource & { id: string }, version: number, lastUpdated: string): Promise<StoredResource> {
  const { resourceType, id, meta, ...rest } = resource;
  const stored = { resourceType, id, meta: { ...meta, versionId: String(version), lastUpdated }, ...rest } as StoredResource['resource'];
  const json = JSON.stringify(stored);
  await writeRow(db, compartment, resourceType, id, version, lastUpdated, json);
  await clearIndex(db, compartment, resourceType, id);
  await writeIndex(db, compartment, stored);
  return { compartment: logicalCompartment(compartment), resourceType, id, versionId: String(version), lastUpdated, resource: stored, json };
}

async function writeRow(db: SqlExecutor, compartment: string, type: string, id: string, version: number, lastUpdated: string, content: string | null): Promise<void> {
  const row = [compartment, type, id, version, lastUpdated, content === null ? 1 : 0, content];
  await db.run('INSERT INTO resource_history (compartment, resource_type, id, version_id, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, ?, ?)', row);
  await db.run(
    `INSERT INTO resources (compartment, resource_type, id, version_id, last_updated, deleted, content) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (compartment, resource_type, id) DO UPDATE SET version_id = excluded.version_id,
       last_updated = excluded.last_updated, deleted = excluded.deleted, content = excluded.content`,
    row,
  );
}

const indexTables = ['index_token', 'index_string', 'index_date', 'index_reference'];

const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';

/** Index rows of one resource, by its stored compartment; a Patient's NHS numbers are given up too. */
export async function clearIndex(db: SqlExecutor, compartment: string, type: string, id: string): Promise<void> {
  if (type === 'Patient') {
    const numbers = await db.all<{ code: string }>(
      "SELECT code FROM index_token WHERE compartment = ? AND resource_type = 'Patient' AND id = ? AND param = 'identifier' AND system = ?",
      [compartment, id, nhsNumberSystem],
    );
    // By the number (the key nhs_numbers is sharded on), so each delete goes to one shard.
    for (const { code } of numbers) await db.run('DELETE FROM nhs_numbers WHERE code = ? AND compartment = ? AND id = ?', [code, compartment, id]);
  }
  for (const table of indexTables) {
    await db.run(`DELETE FROM ${table} WHERE compartment = ? AND resource_type = ? AND id = ?`, [compartment, type, id]);
  }
}

export async function writeIndex(db: SqlExecutor, compartment: string, resource: StoredResource['resource']): Promise<void> {
  const values = extractIndexValues(resource);
  const owner = [compartment, resource.resourceType, resource.id];
  await insertRows(db, 'index_token', ['system', 'code'], values.tokens.map((v) => [...owner, v.param, v.system, v.code]));
  if (resource.resourceType === 'Patient') {
    const numbers = new Set(values.tokens.filter((v) => v.param === 'identifier' && v.system === nhsNumberSystem).map((v) => v.code));
    for (const code of numbers) await claimNhsNumber(db, code, compartment, resource.id);
  }
  await insertRows(db, 'index_string', ['value', 'exact'], values.strings.map((v) => [...owner, v.param, v.value, v.exact]));
  await insertRows(db, 'index_date', ['start_at', 'end_at'], values.dates.map((v) => [...owner, v.param, v.start, v.end]));
  await insertRows(db, 'index_reference', ['target_type', 'target_id'], values.references.map((v) => [...owner, v.param, v.targetType, v.targetId]));
}

async function insertRows(db: SqlExecutor, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  // 100 rows (700 parameters) per statement keeps under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const placeholders = chunk.map(() => `(?, ?, ?, ?, ${columns.map(() => '?').join(', ')})`).join(', ');
    await db.run(`INSERT INTO ${table} (compartment, resource_type, id, param, ${columns.join(', ')}) VALUES ${placeholders}`, chunk.flat());
  }
}

/** An NHS number belongs to at most one record: nhs_numbers' primary key refuses a second claim (migration 0006). */
async function claimNhsNumber(db: SqlExecutor, code: string, compartment: string, id: string): Promise<void> {
  try {
    await db.run('INSERT INTO nhs_numbers (code, compartment, id) VALUES (?, ?, ?)', [code, compartment, id]);
  } catch (err) {
    if (!isUniqueClash(err, 'nhs_numbers')) throw err;
    const text = 'This NHS number is already in another Red Bag record. Check the number; if it is yours, contact us and we will sort it out.';
    throw new FhirError('conflict', text, [{ severity: 'error', code: 'duplicate', expression: ['Patient.identifier'], details: { text } }]);
  }
}

/** The primary key of `table` refused a row. Citus names the constraint of each shard `<name>_<shard id>`. */
function isUniqueClash(err: unknown, table: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  // Through Citus the constraint may come back only in the message.
  if (e?.code === '23505') return (e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? '').startsWith(`${table}_pkey`);
  return typeof e?.message === 'string' && e.message.includes(`UNIQUE constraint failed: ${table}.`);
}
