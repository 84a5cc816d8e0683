import type { SqlExecutor } from '../sql/executor.ts';
import { directoryBuckets, storedCompartment } from '../sql/placement.ts';
import { nhsNumberIndex } from './0005-one-record-per-nhs-number.ts';

/**
 * 0006: every unique rule includes the compartment, or lives in a small table keyed by what it is
 * about, so the record tables can be sharded by compartment (Citus, see citus.ts):
 * - resource_locations (resource_type, id → compartment): an id is used once across every record,
 *   and a read by id finds its compartment there instead of asking every shard;
 * - nhs_numbers (code → compartment, id): one record per NHS number (0005's unique index over
 *   index_token did not include the compartment);
 * - the shared directory moves from compartment '' into the buckets of placement.ts, so it is not
 *   one hot shard.
 * Same tables on SQLite and PostgreSQL, so reads and searches stay the same on each.
 */
export const name = '0006-keyed-by-compartment';

const recordTables = ['resources', 'resource_history', 'index_token', 'index_string', 'index_date', 'index_reference'];

export async function up(db: SqlExecutor): Promise<void> {
  const strict = db.dialect === 'sqlite' ? ' STRICT' : '';
  await db.run(`CREATE TABLE IF NOT EXISTS resource_locations (resource_type TEXT NOT NULL, id TEXT NOT NULL, compartment TEXT NOT NULL,
    PRIMARY KEY (resource_type, id))${strict}`);
  await db.run(`CREATE TABLE IF NOT EXISTS nhs_numbers (code TEXT NOT NULL PRIMARY KEY, compartment TEXT NOT NULL, id TEXT NOT NULL)${strict}`);
  await spreadDirectory(db);
  await db.run('INSERT INTO resource_locations (resource_type, id, compartment) SELECT resource_type, id, compartment FROM resources');
  // 0005's index guaranteed one record per number, so each number has one owner here.
  await db.run(
    `INSERT INTO nhs_numbers (code, compartment, id) SELECT DISTINCT code, compartment, id FROM index_token
     WHERE resource_type = 'Patient' AND param = 'identifier' AND system = 'https://fhir.nhs.uk/Id/nhs-number'`,
  );
  await db.run(`DROP INDEX IF EXISTS ${nhsNumberIndex}`);
  // Reads by id now go through resource_locations; (resource_type, id) is unique there.
  await db.run('DROP INDEX IF EXISTS resources_by_id');
}

/** Directory rows (compartment '') move to their bucket, in every record table. */
async function spreadDirectory(db: SqlExecutor): Promise<void> {
  const rows = await db.all<{ resource_type: string; id: string }>("SELECT resource_type, id FROM resources WHERE compartment = ''");
  const byBucket = new Map<string, Array<{ resource_type: string; id: string }>>(directoryBuckets.map((b) => [b, []]));
  for (const row of rows) byBucket.get(storedCompartment('', row.resource_type, row.id))!.push(row);
  for (const [bucket, members] of byBucket) {
    for (let i = 0; i < members.length; i += 200) {
      const chunk = members.slice(i, i + 200);
      const match = chunk.map(() => '(resource_type = ? AND id = ?)').join(' OR ');
      const params = [bucket, ...chunk.flatMap((m) => [m.resource_type, m.id])];
      for (const table of recordTables) await db.run(`UPDATE ${table} SET compartment = ? WHERE compartment = '' AND (${match})`, params);
    }
  }
}
