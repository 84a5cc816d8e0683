/**
 * npm run bench -- [--people 1000] [--stores sqlite,postgres] [--seconds 10] [--consents 20000]
 *
 * Seeds N people × 30 resources per store, starts the real service (node src/main.ts) as its own
 * process, and measures with autocannon on loopback at 10 connections: read, compartment search,
 * create and a 20-entry transaction, beside a bare Express route (the HTTP stack's ceiling).
 * Figures go to bench/results/<date>-<HHMM UTC>-<N>.json and a Markdown table on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchCards } from './cards.ts';
import { benchBrowserVerify } from './browser-verify.ts';
import { benchPortalLoad } from './portal-load.ts';
import { benchShareLookup } from './share-lookup.ts';
import { personId, seed } from './seed.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '1000' }, stores: { type: 'string', default: 'sqlite,postgres' }, seconds: { type: 'string', default: '10' }, consents: { type: 'string', default: '20000' } } });
const people = Number(values.people);
const seconds = Number(values.seconds);
const stores = values.stores!.split(',') as Array<'sqlite' | 'postgres'>;
const root = new URL('..', import.meta.url).pathname;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const sample = Array.from({ length: 20 }, (_, i) => Math.floor((i * people) / 20));

interface Figure { rps: number; mean: number; p50: number; p99: number; errors: number }

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready: ${url}`);
}

function startProcess(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(root, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function measure(url: string, requests: autocannon.Request[]): Promise<Figure> {
  const result = await autocannon({ url, connections: 10, duration: seconds, requests });
  return { rps: Math.round(result.requests.average), mean: result.latency.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function benchStore(kind: 'sqlite' | 'postgres', port: number): Promise<{ seedSeconds: number; read: Figure; search: Figure; create: Figure; transaction20: Figure }> {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-bench-'));
  const schema = `bench_${process.pid}`;
  const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DEMO_DATA: 'off', LOG_LEVEL: 'warn', DATA_DIR: dir, METRICS_PORT: 'off' };
  let url: string | undefined;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.end();
    const u = new URL(postgresUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
    env.DATABASE_URL = url;
  }
  const started = performance.now();
  const { password } = await seed(kind, { file: join(dir, 'redbag.sqlite'), url }, people, sample);
  const seedSeconds = Math.round((performance.now() - started) / 100) / 10;

  const base = `http://127.0.0.1:${port}`;
  const server = startProcess('src/main.ts', env);
  try {
    await waitReady(`${base}/healthz`, server);
    const tokens: string[] = [];
    for (const n of sample) {
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: `person${n}@bench.example`, password }) });
      tokens.push(((await res.json()) as { access_token: string }).access_token);
    }
    const auth = (i: number) => ({ Authorization: `Bearer ${tokens[i % tokens.length]}`, 'Content-Type': 'application/fhir+json' });
    const per = (make: (n: number, i: number) => autocannon.Request) => sample.map((n, i) => make(n, i));
    const goal = (n: number, i: number) => ({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: `bench goal ${i}` }, subject: { reference: `Patient/${personId(n)}` } });
    const figures = {
      read: await measure(base, per((n, i) => ({ method: 'GET', path: `/fhir/Condition/${personId(n)}-c${i % 6}`, headers: auth(i) }))),
      search: await measure(base, per((_n, i) => ({ method: 'GET', path: '/fhir/Condition?clinical-status=active&_count=10', headers: auth(i) }))),
      create: await measure(base, per((n, i) => ({ method: 'POST', path: '/fhir/Goal', headers: auth(i), body: JSON.stringify(goal(n, i)) }))),
      transaction20: await measure(
        base,
        per((n, i) => ({
          method: 'POST',
          path: '/fhir',
          headers: auth(i),
          body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 20 }, (_, k) => ({ resource: goal(n, k), request: { method: 'POST', url: 'Goal' } })) }),
        })),
      ),
    };
    return { ...figures, seedSeconds };
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }
}

const port = 3900 + (process.pid % 90);
const bare = startProcess('bench/bare-server.ts', { PORT: String(port) });
await waitReady(`http://127.0.0.1:${port}/fixed`, bare);
const ceiling = await measure(`http://127.0.0.1:${port}`, [{ method: 'GET', path: '/fixed' }]);
await stop(bare);

const results: Record<string, unknown> = {};
for (const kind of stores) results[kind] = await benchStore(kind, port + 1);

const shareLookup: Record<string, unknown> = {};
for (const kind of stores) shareLookup[kind] = await benchShareLookup(kind, Number(values.consents), postgresUrl);
const cards = await benchCards();
const scanner = await benchBrowserVerify();
const portal = await benchPortalLoad();

const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const report = { date, machine, people, resourcesPerPerson: 30, connections: 10, seconds, ceiling, results, shareLookup, cards, scanner, portal };
// The time too: several runs a day must not overwrite each other.
const time = new Date().toISOString().slice(11, 16).replace(':', '');
writeFileSync(join(root, `bench/results/${date}-${time}-${people}.json`), `${JSON.stringify(report, null, 2)}\n`);

const rows = [`| ${date}, N = ${people} | req/s | mean ms | p50 ms | p99 ms | errors |`, '|---|---|---|---|---|---|', `| bare Express route (ceiling) | ${ceiling.rps} | ${ceiling.mean} | ${ceiling.p50} | ${ceiling.p99} | ${ceiling.errors} |`];
for (const [kind, figures] of Object.entries(results) as Array<[string, Record<string, Figure>]>) {
  for (const name of ['read', 'search', 'create', 'transaction20']) {
    const f = figures[name]!;
    rows.push(`| ${kind} ${name === 'transaction20' ? '20-entry transaction' : name === 'search' ? 'compartment search' : name} | ${f.rps} | ${f.mean} | ${f.p50} | ${f.p99} | ${f.errors} |`);
  }
}
rows.push('', '| a professional’s shares, found among every Consent | Consents | shares found | median ms |', '|---|---|---|---|', ...(Object.entries(shareLookup) as Array<[string, { consents: number; found: number; medianMs: number }]>).map(([kind, f]) => `| ${kind} | ${f.consents} | ${f.found} | ${f.medianMs} |`));
rows.push('', '| Red Bag card, in process | per second | ms each |', '|---|---|---|', ...Object.entries(cards.msEach).map(([name, ms]) => `| ${name} | ${cards.perSecond[name]} | ${ms} |`));
rows.push('', scanner
  ? `| /scan in chromium (${scanner.scans} scans) | median ms | p95 ms |\n|---|---|---|\n| read + verify, online (fresh revocation list) | ${scanner.online.medianMs} | ${scanner.online.p95Ms} |\n| read + verify, offline (kept keys and list) | ${scanner.offline.medianMs} | ${scanner.offline.p95Ms} |`
  : '(no /usr/bin/chromium: the /scan timing was skipped)');
if (portal) rows.push('', `| portal start page, chromium, CPU 4× slower (${portal.runs} first visits) | value |`, '|---|---|', `| JavaScript sent (gzip) | ${portal.javascriptKiB} KiB |`, `| interactive, median / worst | ${portal.interactiveMs.median} / ${portal.interactiveMs.worst} ms |`);
process.stdout.write(`\n${machine}; seeding took ${Object.entries(results).map(([k, v]) => `${k} ${(v as { seedSeconds: number }).seedSeconds} s`).join(', ')}\n\n${rows.join('\n')}\n`);
