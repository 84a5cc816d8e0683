/**
 * Where the time of a view of an unchanged card goes: the real service in this process (SQLite),
 * one person with a typical record, her card made once, then autocannon on one route for a few
 * seconds under the V8 profiler. Prints the self time by place and by function (the load
 * generator's share shows as autocannon and its dependencies).
 * Alone: node bench/card-profile.ts [qr.svg|print|issue] [seconds].
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openService } from '../src/service.ts';
import { summariseProfile } from './profile-summary.ts';
import { personRecord } from './seed.ts';

const route = process.argv[2] ?? 'qr.svg';
const seconds = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'redbag-card-profile-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1:1', DATA_DIR: dir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', SECRET_KEY: 'a bench secret key of thirty-two characters or more' });
const service = await openService(config, createLogger('silent'));
const server = service.app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
service.setReady(true);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
try {
  const json = { 'Content-Type': 'application/json' };
  const email = 'profile@bench.example';
  const password = 'a pass phrase for the profile';
  const made = (await (await fetch(`${base}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email, password, name: { given: 'Ann', family: 'Profile' }, birthDate: '1950-05-17' }) })).json()) as { patient: string };
  const patientId = made.patient.replace('Patient/', '');
  const token = ((await (await fetch(`${base}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) })).json()) as { access_token: string }).access_token;
  // A typical record (bench/seed.ts, template 3), written into her compartment.
  const record = personRecord(3).filter((r) => r.resourceType !== 'Patient').map((r) => JSON.parse(JSON.stringify(r).replaceAll('p0000003', patientId)));
  await service.stores.store.commit(record.map((resource) => ({ kind: 'create', resource, compartment: patientId })), new Date());
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' };
  const request: autocannon.Request =
    route === 'issue'
      ? { method: 'POST', path: `/fhir/Patient/${patientId}/$health-cards-issue`, headers, body: JSON.stringify({ resourceType: 'Parameters' }) }
      : { method: 'GET', path: route === 'print' ? `/red-bag/${patientId}/print?format=pdf` : `/red-bag/${patientId}/qr.svg`, headers };
  const warm = await fetch(`${base}${request.path}`, { method: request.method, headers, body: request.body as string | undefined });
  if (warm.status !== 200) throw new Error(`${request.path}: ${warm.status}`);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const result = await autocannon({ url: base, connections: 10, duration: seconds, requests: [request] });
  const used = process.cpuUsage(cpu);
  const { profile } = await session.post('Profiler.stop');
  const file = join(dir, 'card.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  const summary = summariseProfile(file, 20);
  const perRequestMs = (used.user + used.system) / 1000 / result.requests.total;
  process.stdout.write(`${route}: ${Math.round(result.requests.average)} req/s, ${result.non2xx} not 200, this process's CPU (service and autocannon) ${perRequestMs.toFixed(3)} ms a request\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} finally {
  server.closeAllConnections();
  server.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
}
