import { FhirError } from '../../fhir/errors.ts';
import { extractIndexValues } from '../../search/extract-index-values.ts';
import type { StoredResource } from '../store.ts';
import type { SqlExecutor } from './executor.ts';

/**
 * The rows a batch of writes adds or removes, each kind in as few statements as the databases allow:
 * one multi-row INSERT per table (split only past `rowsPerStatement`), one DELETE per table and
 * record. A create and its AuditEvent are seven statements; a 20-entry transaction is the same seven.
 * `changes` is where those go (one-statement.ts: on PostgreSQL, sent together as one statement);
 * the few that must be answered at once (an NHS number's claim) go straight to `db`.
 */

/** 500 rows of at most 7 values: 3,500 parameters, well under SQLite's 32,766 and PostgreSQL's 65,535. */
const rowsPerStatement = 500;

/** One resource's place in the store: its stored compartment (placement.ts), type and id. */
export interface RowKey {
  compartment: string;
  resourceType: string;
  id: string;
}

/** A version to write: the resource's JSON, or null for a deletion (a tombstone). */
export interface VersionRow extends RowKey {
  versionId: number;
  lastUpdated: string;
  content: string | null;
}

export async function insertRows(db: Pick<SqlExecutor, 'run'>, sql: { into: string; onConflict?: string }, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    const values = chunk.map(() => row).join(', ');
    await db.run(`INSERT INTO ${sql.into} VALUES ${values}${sql.onConflict ? ` ${sql.onConflict}` : ''}`, chunk.flat());
  }
}

/** Where new ids live; the primary key refuses an id already in use, here or in another record. */
export async function insertLocations(db: SqlExecutor, keys: readonly RowKey[], changes: Pick<SqlExecutor, 'run'> = db): Promise<void> {
  await refusingTakenIds(db, keys, () =>
    insertRows(changes, { into: 'resource_locations (resource_type, id, compartment)' }, keys.map((k) => [k.resourceType, k.id, k.compartment])),
  );
}

/**
 * Runs `write`, telling which of `keys` was already in use when one is refused: by resource_locations,
 * or, when the rows went together as one statement (one-statement.ts), perhaps first by the history's
 * key for a version 1 that already exists in the same record.
 */
export async function refusingTakenIds(db: SqlExecutor, keys: readonly RowKey[], write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (isUniqueClash(err, 'resource_locations') || isUniqueClash(err, 'resource_history')) throw alreadyExists(await clashingKey(db, err, keys));
    throw err;
  }
}

/** The versions, into the history and as the current row of each resource. */
export async function insertVersions(db: Pick<SqlExecutor, 'run'>, versions: readonly VersionRow[]): Promise<void> {
  const rows = versions.map((v) => [v.compartment, v.resourceType, v.id, v.versionId, v.lastUpdated, v.content === null ? 1 : 0, v.content]);
  const columns = '(compartment, resource_type, id, version_id, last_updated, deleted, content)';
  await insertRows(db, { into: `resource_history ${columns}` }, rows);
  await insertRows(
    db,
    {
      into: `resources ${columns}`,
      onConflict: `ON CONFLICT (compartment, resource_type, id) DO UPDATE SET version_id = excluded.version_id,
       last_updated = excluded.last_updated, deleted = excluded.deleted, content = excluded.content`,
    },
    rows,
  );
}

const indexTables = ['index_token', 'index_string', 'index_date', 'index_reference'];

export const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';

/**
 * The index rows of resources being changed or deleted: one DELETE per table and stored compartment
 * (one shard on Citus). A Patient's NHS numbers are given up too.
 */
export async function clearIndexes(db: SqlExecutor, keys: readonly RowKey[], changes: Pick<SqlExecutor, 'run'> = db): Promise<void> {
  for (const [compartment, inCompartment] of groupBy(keys, (k) => k.compartment)) {
    for (const patient of inCompartment.filter((k) => k.resourceType === 'Patient')) {
      const numbers = await db.all<{ code: string }>(
        "SELECT code FROM index_token WHERE compartment = ? AND resource_type = 'Patient' AND id = ? AND param = 'identifier' AND system = ?",
        [compartment, patient.id, nhsNumberSystem],
      );
      // By the number (the key nhs_numbers is sharded on), so each delete goes to one shard.
      for (const { code } of numbers) await db.run('DELETE FROM nhs_numbers WHERE code = ? AND compartment = ? AND id = ?', [code, compartment, patient.id]);
    }
    for (let i = 0; i < inCompartment.length; i += rowsPerStatement) {
      const chunk = inCompartment.slice(i, i + rowsPerStatement);
      const pairs = chunk.map(() => '(?, ?)').join(', ');
      const params = [compartment, ...chunk.flatMap((k) => [k.resourceType, k.id])];
      for (const table of indexTables) await changes.run(`DELETE FROM ${table} WHERE compartment = ? AND (resource_type, id) IN (${pairs})`, params);
    }
  }
}

/** The search values of stored resources (each with its stored compartment), extracted once each. */
export async function insertIndexes(
  db: SqlExecutor,
  resources: ReadonlyArray<{ compartment: string; resource: StoredResource['resource'] }>,
  changes: Pick<SqlExecutor, 'run'> = db,
): Promise<void> {
  const tokens: unknown[][] = [];
  const strings: unknown[][] = [];
  const dates: unknown[][] = [];
  const references: unknown[][] = [];
  const nhsNumbers: Array<{ code: string; compartment: string; id: string }> = [];
  for (const { compartment, resource } of resources) {
    const values = extractIndexValues(resource);
    const owner = [compartment, resource.resourceType, resource.id];
    for (const v of values.tokens) tokens.push([...owner, v.param, v.system, v.code]);
    for (const v of values.strings) strings.push([...owner, v.param, v.value, v.exact]);
    for (const v of values.dates) dates.push([...owner, v.param, v.start, v.end]);
    for (const v of values.references) references.push([...owner, v.param, v.targetType, v.targetId]);
    if (resource.resourceType === 'Patient') {
      const codes = new Set(values.tokens.filter((v) => v.param === 'identifier' && v.system === nhsNumberSystem).map((v) => v.code));
      for (const code of codes) nhsNumbers.push({ code, compartment, id: resource.id });
    }
  }
  const owner = 'compartment, resource_type, id, param';
  await insertRows(changes, { into: `index_token (${owner}, system, code)` }, tokens);
  await insertRows(changes, { into: `index_string (${owner}, value, exact)` }, strings);
  await insertRows(changes, { into: `index_date (${owner}, start_at, end_at)` }, dates);
  await insertRows(changes, { into: `index_reference (${owner}, target_type, target_id)` }, references);
  for (const claim of nhsNumbers) await claimNhsNumber(db, claim.code, claim.compartment, claim.id);
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

const alreadyExists = (key: Pick<RowKey, 'resourceType' | 'id'> | undefined): FhirError =>
  new FhirError('conflict', key ? `${key.resourceType}/${key.id} already exists.` : 'A resource with one of these ids already exists.');

/**
 * Which of the new ids clashed: PostgreSQL names the key in its detail. SQLite does not, but its
 * transaction goes on after a failed statement, so it can be asked.
 */
async function clashingKey(db: SqlExecutor, err: unknown, keys: readonly RowKey[]): Promise<RowKey | undefined> {
  // "(resource_type, id)=(Goal, g1)", or from the history's key "(compartment, resource_type, id, version_id)=(p1, Goal, g1, 1)".
  const named = /resource_type, id(?:, version_id)?\)=\((?:[^,]+, )?([^,]+), ([^,)]+)/.exec((err as { detail?: string }).detail ?? '');
  if (named) return keys.find((k) => k.resourceType === named[1] && k.id === named[2]);
  if (keys.length === 1 || db.dialect !== 'sqlite') return keys.length === 1 ? keys[0] : undefined;
  for (const key of keys) {
    const [found] = await db.all('SELECT 1 AS found FROM resource_locations WHERE resource_type = ? AND id = ?', [key.resourceType, key.id]);
    if (found) return key;
  }
  // Two creates of the same id in one batch: neither is stored yet.
  return keys.find((key, i) => keys.findIndex((other) => other.resourceType === key.resourceType && other.id === key.id) !== i);
}

/** The primary key of `table` refused a row. Citus names the constraint of each shard `<name>_<shard id>`. */
export function isUniqueClash(err: unknown, table: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  // Through Citus the constraint may come back only in the message.
  if (e?.code === '23505') return (e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? '').startsWith(`${table}_pkey`);
  return typeof e?.message === 'string' && e.message.includes(`UNIQUE constraint failed: ${table}.`);
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
