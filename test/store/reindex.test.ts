import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { postJson, signUpAndIn, startChild } from '../support/child-service.ts';
import { createTestSchema, postgresReachable } from '../support/postgres.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const reachable = await postgresReachable();
const { DATABASE_URL: _ignored, ...environment } = process.env;
const kinds = reachable ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(kinds)('npm run reindex (%s)', (kind) => {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('recomputes search values the index had lost, while the service runs, and resumes where it stopped', async () => {
    const env: Record<string, string> = {};
    let sql: (text: string) => Promise<void>;
    if (kind === 'postgres') {
      const schema = await createTestSchema('reindex');
      cleanups.push(schema.drop);
      env.DATABASE_URL = schema.url;
      env.PUBLIC_URL = 'http://127.0.0.1';
      sql = async (text) => {
        const client = new pg.Client({ connectionString: schema.url });
        await client.connect();
        await client.query(text);
        await client.end();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'redbag-reindex-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
      sql = async (text) => {
        const db = new DatabaseSync(join(dir, 'redbag.sqlite'));
        db.exec('PRAGMA busy_timeout = 5000');
        db.exec(text);
        db.close();
      };
    }
    const service = await startChild(env);
    cleanups.push(() => service.child.kill('SIGKILL'));
    const { patient, token } = await signUpAndIn(service.url, `reindex.${kind}@example.org`, 'a long enough password');
    for (let i = 0; i < 7; i++) {
      const condition = {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
        subject: { reference: patient },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertensive disorder' }] },
      };
      expect((await fetch(`${service.url}/fhir/Condition`, postJson(condition, token))).status).toBe(201);
    }
    const found = async () => ((await (await fetch(`${service.url}/fhir/Condition?code=38341003&_summary=count`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { total: number }).total;
    expect(await found()).toBe(7);
    // As if the code lists had changed after these were written: their token values are not in the index.
    await sql("DELETE FROM index_token WHERE resource_type = 'Condition'");
    expect(await found()).toBe(0);

    const reindex = (args: string[]) => run(process.execPath, [join(root, 'scripts/reindex.ts'), ...args], { env: { ...environment, ...env }, cwd: root });
    const first = await reindex(['--batch', '3', '--batches', '1']);
    expect(first.stdout).toMatch(/Reindexed 3 resources so far/);
    const rest = await reindex(['--batch', '3']);
    // It carried on from the fourth resource rather than starting again.
    expect(rest.stdout).not.toMatch(/Reindexed 3 resources so far/);
    expect(rest.stdout).toMatch(/: finished\./);
    expect(await found()).toBe(7);
  }, 120_000);
});
