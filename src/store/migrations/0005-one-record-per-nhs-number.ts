import type { SqlExecutor } from '../sql/executor.ts';

/**
 * 0005: an NHS number belongs to at most one record. The database itself refuses a second claim
 * (a unique index over the current versions' identifier index rows), so two sign-ups racing with
 * the same number cannot both win. A database that already holds a number twice is not changed:
 * the migration stops and says how many numbers to sort out first.
 */
export const name = '0005-one-record-per-nhs-number';

export const nhsNumberIndex = 'one_record_per_nhs_number';

export async function up(db: SqlExecutor): Promise<void> {
  const twice = await db.all<{ code: string; records: number | string }>(
    `SELECT code, COUNT(DISTINCT id) AS records FROM index_token
     WHERE resource_type = 'Patient' AND param = 'identifier' AND system = 'https://fhir.nhs.uk/Id/nhs-number'
     GROUP BY code HAVING COUNT(DISTINCT id) > 1`,
  );
  if (twice.length > 0) {
    throw new Error(`${twice.length} NHS number(s) are in more than one record; give each to one record only, then migrate again (see README, "Identity").`);
  }
  await db.run(
    `CREATE UNIQUE INDEX IF NOT EXISTS ${nhsNumberIndex} ON index_token (code)
     WHERE resource_type = 'Patient' AND param = 'identifier' AND system = 'https://fhir.nhs.uk/Id/nhs-number'`,
  );
}
