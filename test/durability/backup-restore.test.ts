import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { postJson, signIn, signUpAndIn, startChild } from '../support/child-service.ts';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const { DATABASE_URL: _ignored, ...environment } = process.env;
const script = (name: string, args: string[], dataDir: string) =>
  run(process.execPath, [join(root, 'scripts', name), ...args], { env: { ...environment, DATA_DIR: dataDir }, cwd: root });

describe('backing up and restoring the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-backup-'));
  const stops: Array<() => void> = [];
  afterAll(() => {
    for (const stop of stops) stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a backup while the service writes, and a new folder restored from it reads everything back', async () => {
    const live = join(dir, 'live');
    const service = await startChild({ DATA_DIR: live });
    stops.push(() => service.child.kill('SIGKILL'));
    const email = 'backup@example.org';
    const password = 'a long enough password';
    const { patient, token } = await signUpAndIn(service.url, email, password);
    const written = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${service.url}/fhir/Goal`, postJson({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: `goal ${i}` }, subject: { reference: patient } }, token));
      expect(res.status).toBe(201);
      written.set(((await res.json()) as { id: string }).id, `goal ${i}`);
    }
    // Writes go on during the backup: it is online.
    let writing = true;
    const during = (async () => {
      let i = 0;
      while (writing) await fetch(`${service.url}/fhir/Goal`, postJson({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: `during ${i++}` }, subject: { reference: patient } }, token));
    })();
    const backupFile = join(dir, 'kept', 'redbag-backup.sqlite');
    const made = await script('backup.ts', ['--to', backupFile], live);
    writing = false;
    await during;
    expect(made.stdout).toMatch(/Backed up \d+ pages to/);
    expect(existsSync(backupFile)).toBe(true);
    // A second backup to the same name would overwrite the first: refused.
    await expect(script('backup.ts', ['--to', backupFile], live)).rejects.toMatchObject({ stderr: expect.stringMatching(/already exists/) });

    const restored = join(dir, 'restored');
    const put = await script('restore.ts', ['--from', backupFile], restored);
    expect(put.stdout).toMatch(/Restored .* into/);
    const copy = await startChild({ DATA_DIR: restored });
    stops.push(() => copy.child.kill('SIGKILL'));
    const token2 = await signIn(copy.url, email, password);
    expect(token2).toBeTruthy();
    for (const [id, text] of written) {
      const res = await fetch(`${copy.url}/fhir/Goal/${id}`, { headers: { Authorization: `Bearer ${token2}` } });
      expect(res.status, `Goal/${id} in the restored store`).toBe(200);
      expect(((await res.json()) as { description: { text: string } }).description.text).toBe(text);
    }
    const counted = await fetch(`${copy.url}/fhir/Goal?_summary=count`, { headers: { Authorization: `Bearer ${token2}` } });
    expect(((await counted.json()) as { total: number }).total).toBeGreaterThanOrEqual(written.size);

    // Restoring over a store is refused unless asked, and then the old one is kept aside.
    copy.child.kill('SIGTERM');
    await expect(script('restore.ts', ['--from', backupFile], restored)).rejects.toMatchObject({ stderr: expect.stringMatching(/already holds a store.*--replace/) });
    const replaced = await script('restore.ts', ['--from', backupFile, '--replace'], restored);
    expect(replaced.stdout).toMatch(/kept at .*before-restore-/);
    expect(readdirSync(restored).some((f) => f.startsWith('redbag.sqlite.before-restore-'))).toBe(true);
  }, 180_000);

  it('refuses a file that is not a Red Bag store, saying so', async () => {
    const junk = join(dir, 'junk.sqlite');
    await run('bash', ['-c', `printf 'not a database' > ${junk}`]);
    await expect(script('restore.ts', ['--from', junk], join(dir, 'elsewhere'))).rejects.toMatchObject({ stderr: expect.stringMatching(/is not a Red Bag store/) });
  });
});
