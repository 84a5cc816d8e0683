import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What a power cut would test, read off the system calls: before the embedded store says a write is
 * kept, every byte it wrote to the write-ahead log is synced to disk by an fdatasync (or fsync) of the
 * log that began after the last of those bytes was written and finished before the answer. Traced
 * with strace (Debian's package, which .ci/run installs) around a child process that commits and says
 * "acknowledged" on stdout after each commit (every other one written by the store's write thread,
 * whose system calls strace follows too).
 */
const strace = '/usr/bin/strace';
const haveStrace = existsSync(strace);
if (!haveStrace && process.env.CI === 'true') throw new Error('strace is required in CI (.ci/run installs it with apt-get).');

interface Call {
  pid: string;
  name: string;
  path: string;
  /** Where in the trace it began and where it returned (the same line unless another thread's call came between). */
  began: number;
  returned: number;
  result: string;
  text: string;
}

/**
 * The calls of an `strace -f -y` trace, each with where it began and returned. strace pads the pid
 * to five places, so a pid under 10,000 is followed by two spaces (the cause of this test's rare failures).
 */
function callsOf(trace: string): Call[] {
  const calls: Call[] = [];
  const open = new Map<string, Call>();
  trace.split('\n').forEach((line, at) => {
    const resumed = /^(\d+)\s+<\.\.\. (\w+) resumed>.*= (-?\d+)/.exec(line);
    if (resumed) {
      const call = open.get(`${resumed[1]} ${resumed[2]}`);
      if (call) {
        call.returned = at;
        call.result = resumed[3]!;
        open.delete(`${resumed[1]} ${resumed[2]}`);
      }
      return;
    }
    const started = /^(\d+)\s+(\w+)\(\d+<([^>]*)>(.*)$/.exec(line);
    if (!started) return;
    const [, pid, name, path, rest] = started as unknown as [string, string, string, string, string];
    const unfinished = rest.includes('<unfinished ...>');
    const call: Call = { pid, name, path, began: at, returned: at, result: unfinished ? '' : (/= (-?\d+)/.exec(rest)?.[1] ?? ''), text: rest };
    calls.push(call);
    if (unfinished) open.set(`${pid} ${name}`, call);
  });
  return calls;
}

describe.skipIf(!haveStrace)(haveStrace ? 'the embedded store’s log on disk' : 'the embedded store’s log on disk (skipped: no strace)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-log-sync-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is synced after a commit’s last write to it and before the commit is answered, every time', () => {
    const file = join(dir, 'redbag.sqlite');
    const traceFile = join(dir, 'trace.txt');
    const script = new URL('../support/commit-and-say.ts', import.meta.url).pathname;
    const said = execFileSync(strace, ['-f', '-y', '-e', 'trace=pwrite64,pwritev,write,writev,fdatasync,fsync', '-o', traceFile, process.execPath, script, file, '4'], { encoding: 'utf8' });
    expect(said.trim().split('\n')).toEqual(['acknowledged traced-0', 'acknowledged traced-1', 'acknowledged traced-2', 'acknowledged traced-3']);

    const trace = readFileSync(traceFile, 'utf8');
    const calls = callsOf(trace);
    const log = `${file}-wal`;
    // write, or writev should Node ever gather a line with another.
    const answers = calls.filter((c) => c.name.startsWith('write') && c.text.includes('acknowledged traced-'));
    const shown = trace.split('\n').filter((line) => line.includes('acknowledged')).join('\n');
    expect(answers.length, `the answers in the trace:\n${shown}\n(first lines: ${trace.slice(0, 600)})`).toBe(4);
    for (const answer of answers) {
      const written = calls.filter((c) => c.path === log && c.name.startsWith('pwrite') && c.returned < answer.began);
      expect(written.length).toBeGreaterThan(0);
      const lastWrite = Math.max(...written.map((c) => c.returned));
      const syncs = calls.filter((c) => c.path === log && (c.name === 'fdatasync' || c.name === 'fsync') && c.result === '0');
      expect(syncs.some((s) => s.began > lastWrite && s.returned < answer.began)).toBe(true);
    }
  });
});
