import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './service.ts';

const root = new URL('../..', import.meta.url).pathname;

/** The real service as a child process, as `npm start` runs it; ready once /healthz answers. */
export async function startChild(env: Record<string, string>, readyWithinMs = 60_000): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(root, 'src/main.ts')], {
    env: { ...process.env, METRICS_PORT: 'off', ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DEMO_DATA: 'off', LOG_LEVEL: env.LOG_LEVEL ?? 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  // A busy two-core machine can take a while to load the FHIR definitions: the deadline is generous.
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, stderr: () => stderr };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service did not become ready: ${stderr}`);
}

export const postJson = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/fhir+json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

export async function signUpAndIn(url: string, email: string, password: string): Promise<{ patient: string; token: string }> {
  const registered = await fetch(`${url}/auth/register`, { ...postJson({ email, password, name: { given: 'Ann', family: 'Crash' }, birthDate: '1950-01-01' }), headers: { 'Content-Type': 'application/json' } });
  const patient = ((await registered.json()) as { patient: string }).patient;
  return { patient, token: await signIn(url, email, password) };
}

export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, { ...postJson({ email, password }), headers: { 'Content-Type': 'application/json' } });
  return ((await res.json()) as { access_token: string }).access_token;
}
