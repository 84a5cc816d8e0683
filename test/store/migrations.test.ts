import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withPostgresMigrationConnection } from '../../src/store/migrations/connections.ts';
import { migrateSchema, MigrationNeededError, SchemaTooNewError } from '../../src/store/migrations/migrator.ts';
import { migrations } from '../../src/store/migrations/migrations.ts';
import { fixtureQueries, readAnswers } from '../fixtures/pre-migration/queries.ts';
import { startChild } from '../support/child-service.ts';
import { createTestSchema, postgresReachable } from '../support/postgres.ts';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const fixtures = new URL('../fixtures/pre-migration/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as { sqlite: unknown; postgres: unknown };
const reachable = await postgresReachable();
const { DATABASE_URL: _ignored, ...environment } = process.env;
const migrate = (env: Record<string, string>, args: string[] = []) => run(process.execPath, [join(root, 'scripts/migrate.ts'), ...args], { env: { ...environment, ...env }, cwd: root });

/** The fixture's dump, loaded into a schema of the test's own (the dump names the schema it came from). */
async function loadDump(schema: string, url: string): Promise<void> {
  const sql = readFileSync(join(fixtures, 'postgres.sql'), 'utf8')
    .replaceAll('premigration_fixture', schema)
    .replace(/^CREATE SCHEMA .*$/m, '')
    .replace(/^SET transaction_timeout = .*$/m, '');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe('a database made before versioned migrations', () => {
  const dirs: string[] = [];
  const stops: Array<() => void> = [];
  afterAll(() => {
    for (const stop of stops) stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('SQLite (embedded): is migrated at start, and every resource reads and searches the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redbag-migrate-'));
    dirs.push(dir);
    copyFileSync(join(fixtures, 'redbag.sqlite'), join(dir, 'redbag.sqlite'));
    const service = await startChild({ DATA_DIR: dir });
    stops.push(() => service.child.kill('SIGKILL'));
    expect(await readAnswers(service.url, fixtureQueries)).toEqual(expected.sqlite);
    const status = await migrate({ DATA_DIR: dir }, ['--status']);
    expect(status.stdout).toContain(`Applied: ${migrations.map((m) => m.name).join(', ')}`);
    expect(status.stdout).toContain('Waiting: none');
  }, 120_000);

  it.skipIf(!reachable)('PostgreSQL: start refuses until `npm run migrate`, then every resource reads and searches the same', async () => {
    const schema = await createTestSchema('premig');
    stops.push(() => void schema.drop());
    await loadDump(schema.schema, schema.url);
    await expect(startChild({ DATABASE_URL: schema.url })).rejects.toThrow(/needs migrating before this version can start .*npm run migrate/);
    const migrated = await migrate({ DATABASE_URL: schema.url, PUBLIC_URL: 'http://127.0.0.1' });
    expect(migrated.stdout).toMatch(/Migrated: 0001-baseline/);
    const service = await startChild({ DATABASE_URL: schema.url });
    stops.push(() => service.child.kill('SIGKILL'));
    expect(await readAnswers(service.url, fixtureQueries)).toEqual(expected.postgres);
    expect((await migrate({ DATABASE_URL: schema.url, PUBLIC_URL: 'http://127.0.0.1' })).stdout).toContain('up to date');
  }, 120_000);
});

describe.skipIf(!reachable)(`migrations on PostgreSQL${reachable ? '' : ' (skipped: no PostgreSQL)'}`, () => {
  const pools: pg.Pool[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    for (const drop of drops) await drop();
  });
  const freshPool = async () => {
    const schema = await createTestSchema('mig');
    drops.push(schema.drop);
    const pool = new pg.Pool({ connectionString: schema.url, max: 3 });
    pools.push(pool);
    return pool;
  };

  it('refuses a database made by a newer version, naming what it does not know', async () => {
    const pool = await freshPool();
    await withPostgresMigrationConnection(pool, (c) => migrateSchema(c));
    await pool.query("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999-from-the-future', '2027-01-01')");
    const attempt = withPostgresMigrationConnection(pool, (c) => migrateSchema(c));
    await expect(attempt).rejects.toThrow(SchemaTooNewError);
    await expect(withPostgresMigrationConnection(pool, (c) => migrateSchema(c))).rejects.toThrow(/9999-from-the-future/);
  });

  it('a failing migration changes nothing and leaves the lock free for the next try', async () => {
    const pool = await freshPool();
    const broken = [...migrations, { name: '9000-broken', up: async (db: import('../../src/store/sql/executor.ts').SqlExecutor) => {
      await db.run('CREATE TABLE half_done (x TEXT)');
      await db.run('SELECT * FROM no_such_table');
    } }];
    await expect(withPostgresMigrationConnection(pool, (c) => migrateSchema(c, 'any', broken))).rejects.toThrow(/no_such_table/);
    const tables = await pool.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done'");
    expect(tables.rows[0].n).toBe(0);
    const logged = await pool.query("SELECT count(*)::int AS n FROM schema_migrations WHERE name = '9000-broken'");
    expect(logged.rows[0].n).toBe(0);
    // Another connection can take the lock: it was released although the migration failed. (The lock
    // is the database's, and other test files migrating their own schemas take it for a moment too, so
    // it is tried for a while; a lock left behind would be held by the pooled connection for ever.)
    // A connection of its own, not the pool's: the pool may hand back the very connection that ran the
    // migration, and a session may take its own advisory lock again.
    const other = new pg.Client({ connectionString: (pool.options as { connectionString: string }).connectionString });
    await other.connect();
    let got = false;
    for (let tries = 0; tries < 100 && !got; tries++) {
      got = (await other.query("SELECT pg_try_advisory_lock(hashtext('redbag-schema')) AS ok")).rows[0].ok;
      if (!got) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(got).toBe(true);
    await other.query("SELECT pg_advisory_unlock(hashtext('redbag-schema'))");
    await other.end();
  });

  it('a new, empty database is set up at start without asking', async () => {
    const pool = await freshPool();
    expect(await withPostgresMigrationConnection(pool, (c) => migrateSchema(c, 'fresh-only'))).toEqual(migrations.map((m) => m.name));
    expect(await withPostgresMigrationConnection(pool, (c) => migrateSchema(c, 'fresh-only'))).toEqual([]);
  });

  it('an older database is not migrated at start unless asked', async () => {
    const pool = await freshPool();
    await withPostgresMigrationConnection(pool, (c) => migrateSchema(c, 'any', migrations.slice(0, 1)));
    await expect(withPostgresMigrationConnection(pool, (c) => migrateSchema(c, 'fresh-only'))).rejects.toThrow(MigrationNeededError);
    expect(await withPostgresMigrationConnection(pool, (c) => migrateSchema(c, 'any'))).toEqual(migrations.slice(1).map((m) => m.name));
  });
});
