import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { AuditEvent } from '@medplum/fhirtypes';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { startChild } from '../support/child-service.ts';
import { fhirJson, signUp } from '../support/people.ts';
import { createTestSchema, describePostgres, postgresReachable } from '../support/postgres.ts';
import { adminEnv, goal, organisationWithProfessional, share } from '../sharing/sharing-harness.ts';

const pgUp = await postgresReachable();

/**
 * Issue 16, item 2: reads by others share their audit commits, yet none is answered before it is
 * logged. A professional reads entries through a share, eight at a time; part way, the log's tables are
 * held by another connection (a stalled disk) and the service is killed (SIGKILL) while they are; after
 * a restart, every read that got its 200 is in the person's access log.
 */
/** Another connection holds the write lock the access log needs, until released. */
async function stallWrites(kind: 'sqlite' | 'postgres', env: Record<string, string>): Promise<{ release(): Promise<void> }> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    await client.query('BEGIN');
    // Reads (ACCESS SHARE) go on; inserts (ROW EXCLUSIVE) wait.
    await client.query('LOCK TABLE resources, resource_history IN EXCLUSIVE MODE');
    return {
      release: async () => {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }
  const db = new DatabaseSync(join(env.DATA_DIR!, 'redbag.sqlite'));
  db.exec('PRAGMA busy_timeout = 5000'); // the service is writing the log too: wait for our turn
  db.exec('BEGIN IMMEDIATE');
  return {
    release: async () => {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function describeReadAuditCrash(kind: 'sqlite' | 'postgres'): void {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`logs every acknowledged read by a professional when the process is killed mid-stream (${kind})`, async () => {
    const env: Record<string, string> = { ...adminEnv };
    if (kind === 'postgres') {
      const schema = await createTestSchema('read_audit_crash');
      cleanups.push(schema.drop);
      env.DATABASE_URL = schema.url;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'redbag-read-audit-crash-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
    }
    const first = await startChild(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const andrew = await signUp(first.url, 'Andrew', 'Wilson', '1960-05-01');
    const ids: string[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: Array.from({ length: 50 }, (_, i) => ({ resource: goal(andrew.patientId, `goal ${batch * 50 + i}`), request: { method: 'POST', url: 'Goal' } })),
      };
      const res = await request(first.url).post('/fhir').set(andrew.auth).set('Content-Type', fhirJson).send(bundle).expect(200);
      for (const entry of res.body.entry as Array<{ response: { location: string } }>) ids.push(/Goal\/([^/]+)/.exec(entry.response.location)![1]!);
    }
    const team = await organisationWithProfessional(first.url, 'hospital-discharge-team', 'discharge-coordinator');
    await request(first.url).post('/fhir/Consent').set(andrew.auth).set('Content-Type', fhirJson).send(share(andrew.patientId, `Organization/${team.organizationId}`, ['Goal'])).expect(201);

    // Eight readers; only 200 answers count as acknowledged. Once fifty are in, another connection
    // holds the tables the log is written to (as a stalled disk would): reads go on for a while,
    // then the service is killed. A read answered before its event was committed would be lost.
    const acknowledged = new Set<string>();
    let next = 0;
    let stopped = false;
    const reader = async (): Promise<void> => {
      while (!stopped && next < ids.length) {
        const id = ids[next++]!;
        try {
          const res = await fetch(`${first.url}/fhir/Goal/${id}`, { headers: team.professional.auth });
          if (res.status === 200) acknowledged.add(id);
          await res.arrayBuffer();
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const readers = Promise.all(Array.from({ length: 8 }, reader));
    while (acknowledged.size < 50) await new Promise((r) => setTimeout(r, 5));
    const stall = await stallWrites(kind, env);
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    stopped = true;
    await readers;
    await stall.release();
    expect(acknowledged.size).toBeGreaterThanOrEqual(50);

    const second = await startChild(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const again = await request(second.url).post('/auth/login').send({ email: andrew.email, password: andrew.password }).expect(200);
    const logged = new Set<string>();
    let url: string | undefined = '/fhir/AuditEvent?_count=200';
    while (url) {
      const page: { body: { entry?: Array<{ resource: AuditEvent }>; link?: Array<{ relation: string; url: string }> } } = await request(second.url)
        .get(url)
        .set({ Authorization: `Bearer ${again.body.access_token}` })
        .expect(200);
      // Only the professional's reads: her own writes of the Goals are logged too, and must not count.
      const reads = (page.body.entry ?? []).map((e) => e.resource).filter((event) => event.subtype?.some((s) => s.code === 'read') && event.agent?.some((a) => a.who?.reference === `PractitionerRole/${team.practitionerRoleId}`));
      for (const event of reads) for (const entity of event.entity ?? []) if (entity.what?.reference) logged.add(entity.what.reference);
      const nextLink = page.body.link?.find((l) => l.relation === 'next')?.url;
      url = nextLink ? nextLink.replace(/^https?:\/\/[^/]+/, '') : undefined;
    }
    const missing = [...acknowledged].filter((id) => !logged.has(`Goal/${id}`));
    expect(missing, 'acknowledged reads with no AuditEvent after the crash').toEqual([]);
  }, 180_000);
}

describe('reads by others across a crash (SQLite)', () => describeReadAuditCrash('sqlite'));
describePostgres(pgUp, 'reads by others across a crash (PostgreSQL)', () => describeReadAuditCrash('postgres'));
