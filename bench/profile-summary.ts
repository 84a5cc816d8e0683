/**
 * Where a server's CPU went: reads a V8 .cpuprofile (node --cpu-prof) and sums the time spent in
 * each function itself (self time), and by where the code lives (a package under node_modules, a
 * file of ours, node's own, or V8: idle, GC, program). Alone: node bench/profile-summary.ts FILE.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The profiles node --cpu-prof wrote in a folder (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile): the main thread's, then the others'. */
export function threadProfiles(dir: string): Array<[string, string]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => [Number(f.split('.')[4]) === 0 ? 'main thread' : `thread ${f.split('.')[4]}`, join(dir, f)] as [string, string])
    .sort((a, b) => (a[0] === 'main thread' ? -1 : b[0] === 'main thread' ? 1 : a[0].localeCompare(b[0])));
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }
export interface ProfileSummary { busyMs: number; idleMs: number; byPlace: Array<{ place: string; share: string }>; byFunction: Array<{ fn: string; share: string }> }

const placeOf = (url: string, name: string): string => {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const ours = /\/(src|bench)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
};

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const shares = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => [k, `${((100 * ms) / busyMs).toFixed(1)}%`] as const);
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    byPlace: shares(places).map(([place, share]) => ({ place, share })),
    byFunction: shares(functions).map(([fn, share]) => ({ fn, share })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(summariseProfile(process.argv[2]!), null, 2)}\n`);
}
