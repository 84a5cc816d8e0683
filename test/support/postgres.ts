import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** True when the PostgreSQL server answers. In CI (CI=true) an unreachable server is a failure, not a skip. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but unreachable at ${postgresUrl}: ${(err as Error).message}`);
    return false;
  }
}

/** The reason a PostgreSQL suite did not run, put in its name so every report shows it (outside CI only). */
export const noPostgres = 'skipped: no PostgreSQL';

/**
 * A suite that needs the PostgreSQL server. `up` comes from postgresReachable() at the top of the test file.
 * With no server (outside CI) the suite is still listed, as skipped, named with the reason, never silently dropped.
 */
export function describePostgres(up: boolean, name: string, suite: () => void): void {
  describe.skipIf(!up)(up ? name : `${name} (${noPostgres})`, suite);
}

/** A suite run on each store: on PostgreSQL it is skipped with the reason when no server answers (outside CI). */
export function describeOnStore(kind: 'sqlite' | 'postgres', pgUp: boolean, name: string, suite: () => void): void {
  if (kind === 'postgres') describePostgres(pgUp, name, suite);
  else describe(name, suite);
}

/** A fresh schema of its own for one test file, so files can run in parallel on one database. */
export async function createTestSchema(prefix: string): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
