import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuerKeys } from '../../src/cards/issuer-keys.ts';
import { demoPeople } from '../../src/demo/people.ts';
import { createTestSchema, postgresReachable } from '../support/postgres.ts';
import { freePort, startService, type RunningService } from '../support/service.ts';

const reachable = await postgresReachable();

/** A real SMTP server that takes its time over every message (slower than an outbox claim lasts). */
async function startSlowMailServer(delayMs: number) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        setTimeout(() => {
          received.push(mail);
          callback();
        }, delayMs);
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An instance's own address (its PUBLIC_URL is the balancer's, as in a deployment). */
const directUrl = (instance: RunningService): string => `http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`;

/** The smallest round-robin balancer: each request goes to the next instance in turn. */
function startRoundRobin(port: number, targets: () => string[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const all = targets();
    const target = new URL(all[next++ % all.length]!);
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!reachable)(`three instances on one PostgreSQL behind a balancer${reachable ? '' : ' (skipped: no PostgreSQL)'}`, () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let mail: Awaited<ReturnType<typeof startSlowMailServer>>;
  let balancer: Server;
  let balancerUrl: string;
  const instances: RunningService[] = [];

  beforeAll(async () => {
    schema = await createTestSchema('three');
    mail = await startSlowMailServer(2500);
    const port = await freePort();
    balancerUrl = `http://127.0.0.1:${port}`;
    balancer = await startRoundRobin(port, () => instances.map(directUrl));
    // Started together on an empty database, as a deployment's instances are.
    const env = {
      DATABASE_URL: schema.url,
      PUBLIC_URL: balancerUrl,
      // Every instance opens the same sealed secrets, so they share one key, as a deployment must.
      SECRET_KEY: 'three-instances-share-this-secret-key-0123456789',
      DEMO_DATA: 'on',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: mail.url,
      OUTBOX_INTERVAL_SECONDS: '1',
      // Shorter than the mail server takes: only renewing the claim keeps a second instance off it.
      OUTBOX_CLAIM_SECONDS: '1',
    };
    instances.push(...(await Promise.all([startService('sqlite', env), startService('sqlite', env), startService('sqlite', env)])));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    balancer?.close();
    await mail?.stop();
    await schema?.drop();
  });

  it('loads the demo people once, however many instances start together', async () => {
    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    const { rows } = await db.query("SELECT count(*)::int AS n FROM resources WHERE resource_type = 'Patient'");
    const accounts = await db.query("SELECT count(*)::int AS n FROM accounts WHERE kind = 'person'");
    await db.end();
    expect(rows[0].n).toBe(demoPeople(new Date()).length);
    expect(accounts.rows[0].n).toBe(demoPeople(new Date()).length);
    // And the demo sign-ins work through the balancer, whichever instance answers.
    const aisha = demoPeople(new Date())[0]!;
    for (let i = 0; i < 3; i++) await request(balancerUrl).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200);
  });

  it('counts wrong passwords across every instance: after six in a row the next try waits, whichever instance it reaches', async () => {
    const email = 'three.instances@example.org';
    await request(balancerUrl).post('/auth/register').send({ email, password: 'a long enough password', name: { given: 'Tess', family: 'Three' }, birthDate: '1950-01-01' }).expect(201);
    // Six failures for one account (five are free), two on each instance as the balancer deals them out.
    for (let i = 0; i < 6; i++) await request(balancerUrl).post('/auth/login').send({ email, password: `wrong ${i}` }).expect(401);
    // Counted per process, each instance would have seen two and let the next one through: shared, it waits.
    const waiting = await request(balancerUrl).post('/auth/login').send({ email, password: 'still wrong' }).expect(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('runs the notice sweep on one instance only', async () => {
    const rounds = await Promise.all(instances.map(async (i) => (await i.service.metrics.registry.getSingleMetric('redbag_job_runs_total')?.get())?.values ?? []));
    const count = (result: string) => rounds.flat().filter((v) => v.labels.job === 'notice-sweep' && v.labels.result === result).reduce((sum, v) => sum + v.value, 0);
    await expect.poll(() => count('ok') + count('skipped'), { timeout: 20_000 }).toBe(3);
    expect(count('ok')).toBe(1);
    expect(count('skipped')).toBe(2);
  });

  it('sends every email once, though the mail server is slower than a claim lasts and three instances deliver', async () => {
    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    const waiting = async () => (await db.query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL')).rows[0].n as number;
    const queued = (await db.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n as number;
    expect(queued).toBeGreaterThan(0); // the demo's share with Northgate, and its carers, are told
    await expect.poll(waiting, { timeout: 90_000, interval: 500 }).toBe(0);
    await db.end();
    const ids = mail.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(queued);
    expect(ids.length).toBe(queued);
  }, 120_000);

  it('a key rotation is seen by every instance', async () => {
    const jwks = async (instance: RunningService) => ((await request(directUrl(instance)).get('/.well-known/jwks.json').expect(200)).body.keys as Array<{ kid: string }>).map((k) => k.kid);
    // Each instance has read (and keeps for a while) the keys as they were.
    for (const instance of instances) expect((await jwks(instance)).length).toBeGreaterThan(0);
    const kid = await createIssuerKeys(instances[0]!.service.stores.accounts, instances[0]!.service.keyring).rotate(new Date());
    for (const instance of instances) {
      await expect
        .poll(() => jwks(instance), { timeout: 40_000, interval: 1000 })
        .toContain(kid);
    }
  }, 130_000);
});
