import { afterAll, describe, expect, it } from 'vitest';
import { postJson, signUpAndIn, startChild } from '../support/child-service.ts';
import { startThrowawayPostgres, throwawayPostgresUnavailableReason, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

const unavailable = throwawayPostgresUnavailableReason();
if (unavailable && process.env.CI === 'true') throw new Error(`The database crash test must run in CI: it ${unavailable}.`);

describe.skipIf(unavailable !== undefined)(`PostgreSQL killed under a stream of writes${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let db: ThrowawayPostgres | undefined;
  const stops: Array<() => void> = [];
  afterAll(() => {
    for (const stop of stops) stop();
    db?.remove();
  });

  it('keeps every acknowledged write, answers 503 while the database is away, and carries on by itself once it is back', async () => {
    db = await startThrowawayPostgres();
    const service = await startChild({ DATABASE_URL: db.url });
    stops.push(() => service.child.kill('SIGKILL'));
    const { patient, token } = await signUpAndIn(service.url, 'pg.crash@example.org', 'a long enough password');

    const acknowledged = new Map<string, string>();
    const statuses: number[] = [];
    let n = 0;
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        const note = `write ${n++}`;
        const body = { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: note }, subject: { reference: patient } };
        const res = await fetch(`${service.url}/fhir/Goal`, postJson(body, token)).catch(() => undefined);
        if (!res) {
          statuses.push(0); // the service itself is gone
          return;
        }
        statuses.push(res.status);
        if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, note);
        else {
          await res.body?.cancel();
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.size < 100) await new Promise((r) => setTimeout(r, 10));

    await db.killPostmaster();
    const beforeOutage = acknowledged.size;
    // While it is away: the service is still there and says so plainly.
    await expect.poll(() => statuses.slice(-8).every((s) => s === 503), { timeout: 20_000 }).toBe(true);
    const away = await fetch(`${service.url}/fhir/Goal?_count=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe('5');
    const outcome = (await away.json()) as { resourceType: string; issue: Array<{ code: string; details: { text: string } }> };
    expect(outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    expect(outcome.issue[0]!.details.text).toMatch(/try again/i);
    expect(service.child.exitCode).toBeNull();
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);

    db.start();
    // Nobody restarts the service: writes are acknowledged again once the database is back.
    await expect.poll(() => acknowledged.size > beforeOutage + 20, { timeout: 60_000 }).toBe(true);
    stop = true;
    await Promise.all(writers);

    for (const [id, note] of acknowledged) {
      const res = await fetch(`${service.url}/fhir/Goal/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status, `acknowledged Goal/${id} after the database restarted`).toBe(200);
      expect(((await res.json()) as { description: { text: string } }).description.text).toBe(note);
    }
  }, 180_000);
});
