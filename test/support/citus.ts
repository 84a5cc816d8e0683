import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

/** The coordinator of the local cluster (../shared/citus/start-cluster.sh, which .ci/run starts). */
export const citusUrl = process.env.TEST_CITUS_URL ?? 'postgresql://postgres@127.0.0.1:5441/postgres';

/** The reason a Citus suite did not run, put in its name so every report shows it (outside CI only). */
export const noCitus = 'skipped: no Citus cluster';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * True when the coordinator answers with Citus and at least one worker. In CI (CI=true) a missing
 * cluster is a failure, not a skip: .ci/run starts it.
 */
export async function citusReachable(): Promise<boolean> {
  try {
    const workers = await withClient(citusUrl, async (c) => (await c.query('SELECT count(*)::int AS n FROM citus_get_active_worker_nodes()')).rows[0].n as number);
    if (workers === 0) throw new Error('the coordinator has no worker nodes');
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`The Citus cluster is required in CI but unusable at ${citusUrl}: ${(err as Error).message}`);
    return false;
  }
}

/** A suite that needs the Citus cluster; without one (outside CI) it is listed as skipped, with the reason. */
export function describeCitus(up: boolean, name: string, suite: () => void): void {
  describe.skipIf(!up)(up ? name : `${name} (${noCitus})`, suite);
}

/**
 * A schema of its own in the cluster's database (Citus creates it on the workers when the first
 * table in it is distributed), as createTestSchema does on plain PostgreSQL: a database per run
 * would cost seconds on every node (CREATE DATABASE and CREATE EXTENSION citus on each).
 * `citus.shard_count` is 8 rather than the default 32 here, to keep CI short; the layout is the same.
 */
export async function createCitusSchema(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  await withClient(citusUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(citusUrl);
  url.searchParams.set('options', `-c search_path=${schema} -c citus.shard_count=${testShardCount}`);
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(citusUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

const testShardCount = 8;
