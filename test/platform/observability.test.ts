import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createMetricsApp } from '../../src/http/metrics-app.ts';
import { createLogger } from '../../src/log.ts';
import { openService } from '../../src/service.ts';
import { freePort, startService, type RunningService } from '../support/service.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresReachable } from '../support/postgres.ts';

const stores = (await postgresReachable()) ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe('settings a production start needs', () => {
  it('asks for PUBLIC_URL with DATABASE_URL or NODE_ENV=production, because cards carry it as their issuer', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://db.internal/redbag' })).toThrow(/PUBLIC_URL: is needed with DATABASE_URL or NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: is needed/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.internal/redbag', PUBLIC_URL: 'https://redbag.example.org' }).publicUrl).toBe('https://redbag.example.org');
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
  });

  it('serves metrics on 127.0.0.1:9464 unless told otherwise, and can switch them off', () => {
    expect(loadConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: 'off' }).metrics).toBeUndefined();
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT/);
  });
});

describe('request ids in the log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-log-'));
  let server: Server | undefined;
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await close?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every line written while answering a request carries its id, which the answer names in X-Request-Id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, DEMO_DATA: 'off', METRICS_PORT: 'off' });
    const service = await openService(config, createLogger('info', sink));
    close = () => service.close();
    server = service.app.listen(port, '127.0.0.1');
    service.setReady(true);
    const url = `http://127.0.0.1:${port}`;
    const person = { email: 'log.reader@example.org', password: 'a long pass phrase', name: { given: 'Lou', family: 'Reader' }, birthDate: '1950-02-03' };
    await request(url).post('/auth/register').send(person).expect(201);
    const login = await request(url).post('/auth/login').send({ email: person.email, password: person.password }).expect(200);
    const id = String(login.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const ofLogin = lines.filter((l) => l.reqId === id);
    expect(ofLogin.map((l) => l.msg)).toEqual(expect.arrayContaining(['signed in', 'request']));
    const requestLine = ofLogin.find((l) => l.msg === 'request');
    expect(requestLine).toMatchObject({ req: { method: 'POST', path: '/auth/login' }, res: { status: 200 } });
    expect(JSON.stringify(lines)).not.toContain(person.email);
    expect(JSON.stringify(lines)).not.toContain(String(login.body.access_token));

    // A caller's own id is kept when it looks like one, so a proxy's id follows the request through.
    const traced = await request(url).get('/healthz').set('X-Request-Id', 'proxy-abc-12345').expect(200);
    expect(traced.headers['x-request-id']).toBe('proxy-abc-12345');
    const odd = await request(url).get('/healthz').set('X-Request-Id', 'a name with spaces and {braces}').expect(200);
    expect(odd.headers['x-request-id']).not.toContain('name');

    // A request's line is written when its answer has gone: on a busy machine, a moment after the caller has it.
    const lineOf = async (reqId: string): Promise<Record<string, unknown> | undefined> => {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const line = lines.find((l) => l.reqId === reqId && String(l.msg).startsWith('request'));
        if (line) return line;
        await new Promise((r) => setTimeout(r, 50));
      }
      return undefined;
    };

    // The line says how long the answer took and where it went, never the query string.
    await request(url).get('/fhir/Patient?name=Reader&birthdate=1950-02-03').set('X-Request-Id', 'search-line-1').expect(401);
    const searchLine = await lineOf('search-line-1');
    expect(searchLine).toMatchObject({ msg: 'request', level: 30, req: { method: 'GET', path: '/fhir/Patient' }, res: { status: 401 }, ms: expect.any(Number) });
    expect(JSON.stringify(lines)).not.toContain('1950-02-03');

    // A caller who goes before the answer is logged as such, not as answered.
    const { port: p } = new URL(url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(p), '127.0.0.1', () => {
        socket.write('POST /auth/login HTTP/1.1\r\nHost: x\r\nX-Request-Id: gone-early-1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    expect(await lineOf('gone-early-1')).toMatchObject({ msg: 'request aborted', level: 40, req: { method: 'POST', path: '/auth/login' } });
  });
});

describe.each(stores)('metrics (%s)', (kind) => {
  let svc: RunningService;
  let metricsServer: Server;
  afterAll(async () => {
    metricsServer?.close();
    await svc?.stop();
  });

  it('counts requests by route pattern, and shows the outbox depth and (PostgreSQL) the pool; the public port does not serve them', async () => {
    svc = await startService(kind);
    metricsServer = createMetricsApp(svc.service.metrics).listen(0, '127.0.0.1');
    await new Promise((r) => metricsServer.once('listening', r));
    const metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}`;
    await request(svc.url).get('/fhir/metadata').expect(200);
    await request(svc.url).get('/fhir/metadata').expect(200);
    await request(svc.url).get('/fhir/Condition/some-id').expect(401);

    const scraped = await request(metricsUrl).get('/metrics').expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    const text = scraped.text;
    expect(text).toMatch(/redbag_http_requests_total\{method="GET",route="[^"]*metadata",status="200"\} 2/);
    expect(text).toMatch(/redbag_http_request_duration_seconds_bucket\{le="0.001",method="GET",route="[^"]*metadata"\}/);
    // Ids never become labels.
    expect(text).not.toContain('some-id');
    expect(text).toMatch(/redbag_outbox_waiting_messages \d+/);
    if (kind === 'postgres') expect(text).toMatch(/redbag_db_pool_connections\{state="total"\} \d+/);
    else expect(text).not.toContain('redbag_db_pool_connections{');
    // The sweep at start runs in the background: wait for its round to be counted.
    await expect.poll(async () => (await request(metricsUrl).get('/metrics')).text, { timeout: 10_000 }).toMatch(/redbag_job_runs_total\{job="notice-sweep",result="ok"\} 1/);

    const publicAnswer = await request(svc.url).get('/metrics');
    expect(publicAnswer.text).not.toContain('redbag_http_requests_total');
  });
});
