import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { demoProfessionals } from '../../src/demo/demo-professionals.ts';
import { freePort, startService } from '../support/service.ts';
import { keyFileName } from '../../src/secrets/load-keyring.ts';

/**
 * Issue 13, finding 7: "the demo people (with published passwords, including a clinician who can
 * break the glass) load by default, so a deployment that forgets DEMO_DATA=off ships a known
 * emergency login". The real service is started as `npm start` starts it.
 */
const root = new URL('../..', import.meta.url).pathname;
const clinician = demoProfessionals.find((p) => p.role === 'clinician')!;
const running: Array<{ child: ChildProcess; dataDir: string }> = [];

afterEach(() => {
  for (const { child, dataDir } of running.splice(0)) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** `node src/main.ts` with only this environment; resolves once /healthz answers, with what it printed. */
async function start(env: Record<string, string>): Promise<{ url: string; stdout: () => string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-demo-'));
  const child = spawn(process.execPath, [join(root, 'src/main.ts')], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push({ child, dataDir });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => (out += String(chunk)));
  child.stderr?.on('data', (chunk) => (err += String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited: ${err}`);
    if (out.includes('Red Bag is running at')) return { url, stdout: () => out };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service did not start: ${err}`);
}

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });

describe('demo mode', () => {
  it('is on by default only for a local, embedded, non-production start', () => {
    const demo = (env: Record<string, string>) => loadConfig(env).demoData;
    expect(demo({})).toBe(true); // npm start: localhost, SQLite
    expect(demo({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toBe(true);
    expect(demo({ NODE_ENV: 'production', SECRET_KEY: 'a production secret key of enough length', PUBLIC_URL: 'https://redbag.example.org' })).toBe(false);
    expect(demo({ PUBLIC_URL: 'https://redbag.example.org' })).toBe(false);
    expect(demo({ DATABASE_URL: 'postgresql://db.example.org/redbag', PUBLIC_URL: 'http://localhost:3000' })).toBe(false);
    expect(demo({ DEMO_DATA: 'off' })).toBe(false);
  });

  it('cannot be switched on in production or on a public address: the start stops and says why', () => {
    const refused = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('the configuration was accepted');
    };
    expect(refused({ DEMO_DATA: 'on', NODE_ENV: 'production', SECRET_KEY: 'a production secret key of enough length' })).toMatch(/DEMO_DATA: cannot be on with NODE_ENV=production/);
    expect(refused({ DEMO_DATA: 'on', PUBLIC_URL: 'https://redbag.example.org' })).toMatch(/DEMO_DATA: cannot be on when PUBLIC_URL is not this computer/);
    const run = spawnSync(process.execPath, [join(root, 'src/main.ts')], {
      env: { PATH: process.env.PATH ?? '', DEMO_DATA: 'on', PUBLIC_URL: 'https://redbag.example.org', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DEMO_DATA: cannot be on when PUBLIC_URL is not this computer \(localhost\): the demo people’s passwords are published/);
  });

  it('a production start that forgets DEMO_DATA=off has no demo clinician to break the glass, and no demo banner', async () => {
    const svc = await start({ NODE_ENV: 'production', SECRET_KEY: 'a production secret key of enough length', PUBLIC_URL: 'https://redbag.example.org' });
    expect((await signIn(svc.url, clinician.email, clinician.password)).status).toBe(401);
    expect(svc.stdout()).not.toMatch(/DEMO MODE/);
    expect(svc.stdout()).not.toContain(clinician.password);
  });

  it('the two-command start is in demo mode, and its banner says the passwords are published', async () => {
    const svc = await start({});
    expect(svc.stdout()).toMatch(/DEMO MODE: published passwords/);
    expect((await signIn(svc.url, clinician.email, clinician.password)).status).toBe(200);
  });

  it('a database once started in demo mode, later started in production, has its demo accounts closed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redbag-was-demo-'));
    try {
      // No SECRET_KEY: the demo start keeps its key file in DATA_DIR, which the production start is then given.
      const demo = await startService('sqlite', { DATA_DIR: dataDir, DEMO_DATA: 'on', SECRET_KEY: '' });
      expect((await signIn(demo.url, clinician.email, clinician.password)).status).toBe(200);
      await demo.stop();
      const production = { DATA_DIR: dataDir, NODE_ENV: 'production', SECRET_KEY: '', SECRET_KEY_FILE: join(dataDir, keyFileName), PUBLIC_URL: 'https://redbag.example.org' };
      const live = await startService('sqlite', production);
      try {
        const url = `http://127.0.0.1:${(live.server.address() as { port: number }).port}`;
        const refused = await signIn(url, clinician.email, clinician.password);
        expect(refused.status).toBe(401);
        const wrong = await signIn(url, clinician.email, 'not the published password');
        expect(await refused.json()).toEqual(await wrong.json());
      } finally {
        await live.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
