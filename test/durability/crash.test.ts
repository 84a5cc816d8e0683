import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSchema, describePostgres, postgresReachable } from '../support/postgres.ts';
import { postJson, signIn, startChild } from '../support/child-service.ts';

const pgUp = await postgresReachable();
const json = postJson;
const login = signIn;

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
      env.SECRET_KEY = 'the crash test key, the same for both starts'; // else a key file would be made in ./data
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

    // Four writers stream creates, three one at a time and one as transactions of ten (which the
    // embedded store writes on its write thread); only 201 and 200 answers count as acknowledged.
    const acknowledged = new Map<string, string>();
    let inTransactions = 0;
    let failure: unknown;
    let n = 0;
    let killed = false;
    const goal = (note: string) => ({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: note }, subject: { reference: patient } });
    const writeOne = async (): Promise<void> => {
      const note = `write ${n++}`;
      const res = await fetch(`${first.url}/fhir/Goal`, json(goal(note), token));
      if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, note);
    };
    const writeTen = async (): Promise<void> => {
      const notes = Array.from({ length: 10 }, () => `write ${n++}`);
      const entry = notes.map((note) => ({ resource: goal(note), request: { method: 'POST', url: 'Goal' } }));
      const res = await fetch(`${first.url}/fhir`, json({ resourceType: 'Bundle', type: 'transaction', entry }, token));
      if (res.status !== 200) return;
      const answered = (await res.json()) as { entry: Array<{ resource: { id: string } }> };
      for (const [i, e] of answered.entry.entries()) acknowledged.set(e.resource.id, notes[i]!);
      inTransactions += answered.entry.length;
    };
    const writer = async (write: () => Promise<void>): Promise<void> => {
      while (!killed) {
        try {
          await write();
        } catch (error) {
          // After the kill, the connection died with the process; before it, something is wrong.
          if (!killed) failure ??= error;
          return;
        }
      }
    };
    const writers = [writer(writeOne), writer(writeOne), writer(writeOne), writer(writeTen)];
    while (acknowledged.size < 150 || inTransactions < 30) {
      if (failure) throw failure;
      await new Promise((r) => setTimeout(r, 10));
    }
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
