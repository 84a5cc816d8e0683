import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/service.ts';

const root = new URL('../..', import.meta.url).pathname;

/** The repository's own files as a fresh checkout has them (tracked and new, not ignored). */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && !f.startsWith('test/') && lstatSync(join(root, f), { throwIfNoEntry: false })?.isFile());
}

async function waitFor(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited: ${stderr()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the service did not become ready: ${stderr()}`);
}

describe('a production install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-prod-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    // npm start runs node as its child: end the whole process group.
    if (child?.pid) process.kill(-child.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('built once, installed without dev dependencies, starts with NODE_ENV=production and serves the pages, the API and /metrics', async () => {
    const app = join(dir, 'app');
    for (const file of repositoryFiles()) {
      mkdirSync(dirname(join(app, file)), { recursive: true });
      copyFileSync(join(root, file), join(app, file));
    }
    // `npm run build` where dev dependencies are (a build machine), into the copy: the running tests' own web/dist is left alone.
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error', '--outDir', join(app, 'web/dist'), '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });

    const port = await freePort();
    const metricsPort = await freePort();
    const dataDir = join(dir, 'data');
    let stderr = '';
    child = spawn('npm', ['start', '--silent'], {
      cwd: app,
      detached: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, DEMO_DATA: 'off', METRICS_PORT: String(metricsPort), SECRET_KEY: 'a-test-secret-key-of-enough-length-0123456789abcdef' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`, child, () => stderr);

    const page = await fetch(`${base}/`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
    expect((await fetch(`${base}/fhir/metadata`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toContain('redbag_http_requests_total');
  }, 240_000);
});
