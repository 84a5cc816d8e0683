/**
 * npm run bench -- [--people 1000] [--stores sqlite,postgres] [--seconds 10] [--rounds 3] [--extras on|off] [--consents 20000]
 *                   [--only REGEX] [--profile on|off] [--save on|off]
 *
 * Seeds N people with varied records (bench/seed.ts) and one with 30,000 entries in each store,
 * starts the real service (node src/main.ts) for each store and a bare Express route, all at once,
 * then measures with autocannon on loopback at 10 connections, in rounds: each round measures
 * every target once, one system after the other, so a busy moment on the machine falls on all of
 * them alike; the figure reported is each measure's median over the rounds. Targets: the bare
 * route (ceiling); read, compartment search, create, 20-entry transaction; a professional's read
 * through a share; her card ($health-cards-issue), its code (qr.svg) and printout (A4 PDF) on a
 * record of about 30 entries and on one of 30,000. Figures go to
 * bench/results/<date>-<HHMM UTC>-<N>.json and a Markdown table on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { shareConsent } from '../src/access/share-consent.ts';
import { benchCards } from './cards.ts';
import { benchBrowserVerify } from './browser-verify.ts';
import { benchPortalLoad } from './portal-load.ts';
import { benchShareLookup } from './share-lookup.ts';
import { summariseProfile, threadProfiles } from './profile-summary.ts';
import { largeRecordPerson, personId, seed, sharedConditionId } from './seed.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    extras: { type: 'string', default: 'on' },
    consents: { type: 'string', default: '20000' },
    only: { type: 'string', default: '' },
    profile: { type: 'string', default: 'off' },
    save: { type: 'string', default: 'on' },
  },
});
const people = Number(values.people);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const stores = values.stores!.split(',') as Array<'sqlite' | 'postgres'>;
const root = new URL('..', import.meta.url).pathname;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const sample = Array.from({ length: 20 }, (_, i) => Math.floor((i * people) / 20));
const admin = { email: 'bench-admin@bench.example', password: 'a long bench admin pass phrase' };

/** `cpuMs`: the server process's CPU time (all its threads) per answered request: what the machine's load does not change much. */
export interface Figure { rps: number; mean: number; p50: number; p99: number; errors: number; cpuMs: number; statuses?: Record<string, number> }
const only = values.only ? new RegExp(values.only) : undefined;
const profileDir = values.profile === 'on' ? mkdtempSync(join(tmpdir(), 'redbag-bench-profiles-')) : undefined;

/** utime + stime of a process, in clock ticks (100 a second on Linux). */
function cpuTicks(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

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
  // One folder a store: the main thread's profile and each render thread's are written there on exit.
  const profiling = profileDir && script === 'src/main.ts' ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, env.STORE_LABEL ?? 'server')}`] : [];
  return spawn(process.execPath, [...profiling, join(root, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function measure(url: string, requests: autocannon.Request[], server?: ChildProcess): Promise<Figure> {
  const before = cpuTicks(server?.pid);
  const result = await autocannon({ url, connections: 10, duration: seconds, requests });
  const cpuMs = result.requests.total ? Math.round(((cpuTicks(server?.pid) - before) * 10 * 1000) / result.requests.total) / 1000 : 0;
  const figure: Figure = { rps: Math.round(result.requests.average), mean: result.latency.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuMs };
  // Errors are not explained by a count: which answers they were (timeouts are autocannon's own `errors`).
  if (figure.errors > 0) figure.statuses = statusCounts(result);
  return figure;
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const counts = Object.fromEntries(Object.entries(stats).filter(([code]) => !code.startsWith('2')).map(([code, s]) => [code, s.count]));
  if (result.errors > 0) counts['no answer'] = result.errors;
  return counts;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianFigure = (figures: Figure[]): Figure => ({
  rps: median(figures.map((f) => f.rps)),
  mean: median(figures.map((f) => f.mean)),
  p50: median(figures.map((f) => f.p50)),
  p99: median(figures.map((f) => f.p99)),
  errors: figures.reduce((n, f) => n + f.errors, 0),
  cpuMs: median(figures.map((f) => f.cpuMs)),
  ...(figures.some((f) => f.statuses) ? { statuses: sumCounts(figures.map((f) => f.statuses ?? {})) } : {}),
});
const sumCounts = (all: Array<Record<string, number>>): Record<string, number> => {
  const sum: Record<string, number> = {};
  for (const counts of all) for (const [key, n] of Object.entries(counts)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
};
const errorsOf = (f: Figure): string =>
  f.statuses ? `${f.errors} (${Object.entries(f.statuses).map(([code, n]) => `${code}: ${n}`).join(', ')})` : String(f.errors);

const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const login = async (base: string, email: string, password: string): Promise<string> => ((await (await post(`${base}/auth/login`, { email, password })).json()) as { access_token: string }).access_token;

/** One store's service, seeded and running, with the requests each target sends. */
interface System {
  kind: 'sqlite' | 'postgres';
  base: string;
  server: ChildProcess;
  seedSeconds: number;
  targets: Record<string, autocannon.Request[]>;
  cleanup(): Promise<void>;
}

async function openSystem(kind: 'sqlite' | 'postgres', port: number): Promise<System> {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-bench-'));
  const schema = `bench_${process.pid}`;
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, DEMO_DATA: 'off', LOG_LEVEL: 'warn', DATA_DIR: dir, METRICS_PORT: 'off',
    ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, STORE_LABEL: kind,
  };
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  };
  let url: string | undefined;
  if (kind === 'postgres') {
    await dropSchema();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const u = new URL(postgresUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
    env.DATABASE_URL = url;
  }
  const started = performance.now();
  const { password } = await seed(kind, { file: join(dir, 'redbag.sqlite'), url }, people, sample);
  const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
  process.stderr.write(`${kind}: seeded ${people} people (+ one of 30,000 entries) in ${seedSeconds} s\n`);
  const server = startProcess('src/main.ts', env);
  await waitReady(`${base}/healthz`, server);

  const tokens: string[] = [];
  for (const n of sample) tokens.push(await login(base, `person${n}@bench.example`, password));
  const large = largeRecordPerson(people);
  const largeToken = await login(base, `person${large}@bench.example`, password);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' });

  // A hospital team and one of its professionals; every sampled person shares her health problems with the team.
  const adminToken = await login(base, admin.email, admin.password);
  const org = (await (await post(`${base}/admin/organizations`, { name: 'Northgate Hospital discharge team', type: 'hospital-discharge-team' }, { Authorization: `Bearer ${adminToken}` })).json()) as { organization: string };
  const pro = { email: 'pro@bench.example', password: 'ward seven handover notes' };
  await post(`${base}/admin/professionals`, { ...pro, name: { given: 'Sam', family: 'Patel' }, organization: org.organization, role: 'discharge-coordinator' }, { Authorization: `Bearer ${adminToken}` });
  const now = new Date();
  for (const [i, n] of sample.entries()) {
    const consent = shareConsent({ patientId: personId(n), grantee: org.organization, resourceTypes: ['Condition'], start: now.toISOString().slice(0, 10), end: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10), now });
    const res = await fetch(`${base}/fhir/Consent`, { method: 'POST', headers: auth(tokens[i]!), body: JSON.stringify(consent) });
    if (res.status !== 201) throw new Error(`share not made: ${res.status} ${await res.text()}`);
  }
  const proToken = await login(base, pro.email, pro.password);

  const per = (make: (n: number, i: number) => autocannon.Request) => sample.map((n, i) => make(n, i));
  const goal = (n: number, i: number) => ({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: `bench goal ${i}` }, subject: { reference: `Patient/${personId(n)}` } });
  const issue = (n: number, token: string): autocannon.Request => ({ method: 'POST', path: `/fhir/Patient/${personId(n)}/$health-cards-issue`, headers: auth(token), body: JSON.stringify({ resourceType: 'Parameters' }) });
  const cardRoutes = (who: Array<[number, string]>) => ({
    card: who.map(([n, token]) => issue(n, token)),
    qr: who.map(([n, token]) => ({ method: 'GET' as const, path: `/red-bag/${personId(n)}/qr.svg`, headers: auth(token) })),
    print: who.map(([n, token]) => ({ method: 'GET' as const, path: `/red-bag/${personId(n)}/print?format=pdf`, headers: auth(token) })),
  });
  const small = cardRoutes(sample.map((n, i) => [n, tokens[i]!]));
  const big = cardRoutes([[large, largeToken]]);
  const targets: Record<string, autocannon.Request[]> = {
    read: per((n, i) => ({ method: 'GET', path: `/fhir/Condition/${personId(n)}-c0`, headers: auth(tokens[i]!) })),
    // A Condition her share covers (it leaves sensitive ones out): at some N the sample's `-c0` is about depression.
    'professional read (share)': sample.flatMap((n) => {
      const id = sharedConditionId(n);
      return id ? [{ method: 'GET', path: `/fhir/Condition/${id}`, headers: auth(proToken) }] : [];
    }),
    search: per((_n, i) => ({ method: 'GET', path: '/fhir/Condition?clinical-status=active&_count=10', headers: auth(tokens[i]!) })),
    create: per((n, i) => ({ method: 'POST', path: '/fhir/Goal', headers: auth(tokens[i]!), body: JSON.stringify(goal(n, i)) })),
    transaction20: per((n, i) => ({
      method: 'POST',
      path: '/fhir',
      headers: auth(tokens[i]!),
      body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 20 }, (_, k) => ({ resource: goal(n, k), request: { method: 'POST', url: 'Goal' } })) }),
    })),
    'card, ~30 entries': small.card,
    'qr.svg, ~30 entries': small.qr,
    'printout PDF, ~30 entries': small.print,
    'card, 30,000 entries': big.card,
    'qr.svg, 30,000 entries': big.qr,
    'printout PDF, 30,000 entries': big.print,
  };
  // The first view of each card makes it (once per change); the targets measure views of an unchanged card.
  const warm: autocannon.Request[] = [...small.card, ...small.qr, ...small.print, ...big.card, ...big.qr, ...big.print];
  for (const r of warm) {
    const res = await fetch(`${base}${r.path}`, { method: r.method, headers: r.headers as Record<string, string>, body: r.body as string | undefined });
    if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${await res.text()}`);
  }
  return {
    kind, base, server, seedSeconds, targets,
    cleanup: async () => {
      await stop(server);
      rmSync(dir, { recursive: true, force: true });
      if (kind === 'postgres') await dropSchema();
    },
  };
}

const port = 3900 + (process.pid % 80);
const bare = startProcess('bench/bare-server.ts', { PORT: String(port) });
await waitReady(`http://127.0.0.1:${port}/fixed`, bare);
const systems: System[] = [];
const byRound: Record<string, Figure[]> = {};
const keep = (name: string, figure: Figure): void => {
  byRound[name] = [...(byRound[name] ?? []), figure];
};
const startedAt = new Date();
const load = [loadavg()[0]!];
try {
  for (const [i, kind] of stores.entries()) systems.push(await openSystem(kind, port + 1 + i));
  const names = Object.keys(systems[0]!.targets).filter((name) => !only || only.test(name));
  for (let round = 1; round <= rounds; round++) {
    const ceiling = await measure(`http://127.0.0.1:${port}`, [{ method: 'GET', path: '/fixed' }], bare);
    keep('bare', ceiling);
    // Each target on every store in turn: the stores alternate, so neither gets the quiet minutes.
    for (const name of names) {
      for (const system of systems) {
        const figure = await measure(system.base, system.targets[name]!, system.server);
        keep(`${system.kind} ${name}`, figure);
      }
    }
    load.push(loadavg()[0]!);
    process.stderr.write(`round ${round} of ${rounds} done (load average ${loadavg()[0]!.toFixed(1)})\n`);
  }
} finally {
  await stop(bare);
  for (const system of systems) await system.cleanup();
}

// Written when each server stopped: where its CPU went over every target it served.
const profiles = profileDir ? Object.fromEntries(stores.flatMap((kind) => threadProfiles(join(profileDir, kind)).map(([thread, file]) => [`${kind} ${thread}`, summariseProfile(file)]))) : undefined;
const medians = Object.fromEntries(Object.entries(byRound).map(([name, figures]) => [name, medianFigure(figures)]));
const seedSeconds = Object.fromEntries(systems.map((s) => [s.kind, s.seedSeconds]));
const extras = values.extras === 'on' && !only;
const shareLookup: Record<string, unknown> = {};
if (extras) for (const kind of stores) shareLookup[kind] = await benchShareLookup(kind, Number(values.consents), postgresUrl);
const cards = extras ? await benchCards() : undefined;
const scanner = extras ? await benchBrowserVerify() : undefined;
const portal = extras ? await benchPortalLoad() : undefined;

const date = startedAt.toISOString().slice(0, 10);
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const report = { date, startedAt: startedAt.toISOString(), machine, loadAverage: load, people, resourcesPerPerson: 'varied, 10-60 (30 on average); one person with 30,000', connections: 10, seconds, rounds, seedSeconds, only: values.only || undefined, medians, everyRound: byRound, profiles, shareLookup, cards, scanner, portal };
// The time too: several runs a day must not overwrite each other.
const time = startedAt.toISOString().slice(11, 16).replace(':', '');
// `--save off` (a look at one target while working): the figures go to a temporary folder, not into the tree.
const file = values.save === 'off' ? join(mkdtempSync(join(tmpdir(), 'redbag-bench-')), `${date}-${time}-${people}.json`) : `bench/results/${date}-${time}-${people}.json`;
writeFileSync(values.save === 'off' ? file : join(root, file), `${JSON.stringify(report, null, 2)}\n`);

const ceiling = medians.bare!;
const share = (f: Figure) => `${Math.round((100 * f.rps) / ceiling.rps)}%`;
const rows = [
  `| ${date}, N = ${people}, median of ${rounds} rounds × ${seconds} s | req/s | of bare | mean ms | p50 ms | p99 ms | errors | server CPU ms a request |`,
  '|---|---|---|---|---|---|---|---|',
  ...Object.entries(medians).map(([name, f]) => `| ${name === 'bare' ? 'bare Express route (ceiling)' : name} | ${f.rps} | ${share(f)} | ${f.mean} | ${f.p50} | ${f.p99} | ${errorsOf(f)} | ${f.cpuMs} |`),
];
if (profiles) for (const [kind, p] of Object.entries(profiles)) rows.push('', `${kind} server profile (${p.busyMs} ms busy, ${p.idleMs} ms idle), self time by place: ${p.byPlace.map((x) => `${x.place} ${x.share}`).join(', ')}`);
if (extras) {
  rows.push('', '| a professional’s shares, found among every Consent | Consents | shares found | median ms |', '|---|---|---|---|', ...(Object.entries(shareLookup) as Array<[string, { consents: number; found: number; medianMs: number }]>).map(([kind, f]) => `| ${kind} | ${f.consents} | ${f.found} | ${f.medianMs} |`));
  rows.push('', '| Red Bag card, in process | per second | ms each |', '|---|---|---|', ...Object.entries(cards!.msEach).map(([name, ms]) => `| ${name} | ${cards!.perSecond[name]} | ${ms} |`));
  rows.push('', scanner
    ? `| /scan in chromium (${scanner.scans} scans) | median ms | p95 ms |\n|---|---|---|\n| read + verify, online (fresh revocation list) | ${scanner.online.medianMs} | ${scanner.online.p95Ms} |\n| read + verify, offline (kept keys and list) | ${scanner.offline.medianMs} | ${scanner.offline.p95Ms} |`
    : '(no /usr/bin/chromium: the /scan timing was skipped)');
  if (portal) rows.push('', `| portal start page, chromium, CPU 4× slower (${portal.runs} first visits) | value |`, '|---|---|', `| JavaScript sent (gzip) | ${portal.javascriptKiB} KiB |`, `| first contentful paint, median / worst | ${portal.firstContentfulPaintMs.median} / ${portal.firstContentfulPaintMs.worst} ms |`, `| interactive (Lighthouse's definition), median / worst | ${portal.interactiveMs.median} / ${portal.interactiveMs.worst} ms |`);
}
process.stdout.write(`\n${machine}; load average ${load.map((l) => l.toFixed(1)).join(' → ')}; seeding took ${Object.entries(seedSeconds).map(([k, s]) => `${k} ${s} s`).join(', ')}; ${file}\n\n${rows.join('\n')}\n`);
