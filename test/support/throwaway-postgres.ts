import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service.ts';

/**
 * A PostgreSQL server of a test's own (initdb into a temporary folder, started on a free port), so
 * a test may kill it without touching the shared server other tests use. Needs Debian's PostgreSQL
 * binaries and root (the server runs as the `postgres` user).
 */
export interface ThrowawayPostgres {
  url: string;
  /** SIGKILL to the postmaster, as a crash or a pulled plug would; resolves once every backend is gone. */
  killPostmaster(): Promise<void>;
  /** Starts it again on the same folder and port (crash recovery replays the WAL). */
  start(): void;
  remove(): void;
}

export function throwawayPostgresUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to run a PostgreSQL server of its own';
  if (!binDir()) return 'needs the PostgreSQL server binaries (/usr/lib/postgresql/*/bin)';
  return undefined;
}

function binDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a)).find((v) => existsSync(join(base, v, 'bin', 'initdb')));
  return version ? join(base, version, 'bin') : undefined;
}

const asPostgres = (command: string, args: string[]): string => execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL binaries not found');
  const dir = mkdtempSync(join(tmpdir(), 'redbag-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  execFileSync('chown', ['postgres', dir]);
  asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const start = (): void => {
    asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=on`, 'start']);
  };
  start();
  const postmasterPid = (): number => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async killPostmaster() {
      const pid = postmasterPid();
      // Its backends are re-parented once it dies, so they are noted first.
      const family = [pid, ...childrenOf(pid)];
      process.kill(pid, 'SIGKILL');
      // Backends notice their postmaster is gone and leave; the server cannot start again until they have.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (!family.some(isAlive)) {
          // A dead postmaster can linger as a zombie where nothing reaps orphans (PID 1 in a sandbox);
          // PostgreSQL would take it for a running server, so its lock file goes, as after a reboot.
          rmSync(join(dataDir, 'postmaster.pid'), { force: true });
          rmSync(join(dir, `.s.PGSQL.${port}.lock`), { force: true });
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('PostgreSQL backends did not exit after the postmaster was killed');
    },
    start,
    remove() {
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) children.push(Number(entry));
    } catch {
      /* the process ended while we looked */
    }
  }
  return children;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}
