import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSchema, describePostgres, postgresReachable } from '../support/postgres.ts';
import { freePort } from '../support/service.ts';

const root = new URL('../..', import.meta.url).pathname;
const pgUp = await postgresReachable();

/** The real service as a child process, as `npm start` runs it. */
async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(root, 'src/main.ts')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DEMO_DATA: 'off', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service did not become ready: ${stderr}`);
}

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/fhir+json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, { ...json({ email, password }), headers: { 'Content-Type': 'application/json' } });
  return ((await res.json()) as { access_token: string }).access_token;
}

function describeCrash(kind: 'sqlite' | 'postgres'): void {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it(`keeps every acknowledged write when the process is killed mid-stream (${kind})`, async () => {
    const env: Record<string, string> = {};
    if (kind === 'postgres') {
      const schema = await createTestSchema('crash');
      cleanups.push(schema.drop);
      env.DATABASE_URL = schema.url;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'redbag-crash-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
    }

    const first = await startChild(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const email = 'crash@example.org';
    const password = 'a long enough password';
    const registered = await fetch(`${first.url}/auth/register`, { ...json({ email, password, name: { given: 'Ann', family: 'Crash' }, birthDate: '1950-01-01' }), headers: { 'Content-Type': 'application/json' } });
    const patient = ((await registered.json()) as { patient: string }).patient;
    const token = await login(first.url, email, password);

    // Four writers stream creates; only 201 answers count as acknowledged.
    const acknowledged = new Map<string, string>();
    let n = 0;
    let killed = false;
    const writer = async (): Promise<void> => {
      while (!killed) {
        const note = `write ${n++}`;
        const body = {
          resourceType: 'Goal',
          lifecycleStatus: 'active',
          description: { text: note },
          subject: { reference: patient },
        };
        try {
          const res = await fetch(`${first.url}/fhir/Goal`, json(body, token));
          if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, note);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 10));
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await exited;

    const second = await startChild(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const token2 = await login(second.url, email, password);
    for (const [id, note] of acknowledged) {
      const res = await fetch(`${second.url}/fhir/Goal/${id}`, { headers: { Authorization: `Bearer ${token2}` } });
      expect(res.status, `acknowledged Goal/${id} after restart`).toBe(200);
      expect(((await res.json()) as { description: { text: string } }).description.text).toBe(note);
    }
    const count = await fetch(`${second.url}/fhir/Goal?_summary=count`, { headers: { Authorization: `Bearer ${token2}` } });
    expect(((await count.json()) as { total: number }).total).toBeGreaterThanOrEqual(acknowledged.size);
    const stopped = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    await stopped;
  }, 90_000);
}

describe('a crash loses nothing that was acknowledged', () => {
  describeCrash('sqlite');
  describePostgres(pgUp, 'on the PostgreSQL server', () => describeCrash('postgres'));
});
