import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startService, type RunningService } from '../support/service.ts';
import { describePostgres, postgresReachable } from '../support/postgres.ts';
import { add, condition, signUp } from '../sharing/sharing-harness.ts';

const pgUp = await postgresReachable();

/**
 * Issue 16: each statement is a round trip to PostgreSQL. A person's own reads and searches go in
 * two: her session (with what it needs: the records she cares for) and the read or search itself.
 * Counted at pg's Client.query, through the real service on a real port.
 */
describePostgres(pgUp, 'statements a person’s request sends to PostgreSQL', () => {
  let svc: RunningService;
  const original = pg.Client.prototype.query;
  let sent: string[] = [];
  beforeAll(async () => {
    svc = await startService('postgres', { OUTBOX_INTERVAL_SECONDS: '3600', NOTICE_SWEEP_MINUTES: '1440' });
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const query = args[0];
      sent.push(typeof query === 'string' ? query : (query as { text: string }).text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await svc?.stop();
  });

  // The fewest of three tries: a background job (the outbox, the notice sweep) can only add statements.
  const counted = async (path: string, auth: Record<string, string>) => {
    let fewest = Number.POSITIVE_INFINITY;
    let body: { entry?: Array<{ resource: { id: string } }> } = {};
    for (let i = 0; i < 3; i++) {
      sent = [];
      body = (await request(svc.url).get(path).set(auth).expect(200)).body;
      fewest = Math.min(fewest, sent.length);
    }
    return { statements: fewest, body };
  };

  it('her read, her search in her record and her search across everything she may see: two each', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-01-01');
    const diabetes = await add(svc.url, rina, condition(rina.patientId, '44054006', 'Diabetes'));
    expect((await counted(`/fhir/Condition/${diabetes}`, rina.auth)).statements).toBe(2);
    expect((await counted(`/fhir/Condition?patient=Patient/${rina.patientId}`, rina.auth)).statements).toBe(2);
    const everything = await counted('/fhir/Condition?code=44054006', rina.auth);
    expect(everything.statements).toBe(2);
    expect(everything.body.entry?.map((e) => e.resource.id)).toEqual([diabetes]);
  });
});
