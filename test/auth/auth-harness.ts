import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Writable } from 'node:stream';
import express, { type ErrorRequestHandler, type Express } from 'express';
import pg from 'pg';
import { pino } from 'pino';
import type { Patient } from '@medplum/fhirtypes';
import { createSessionService } from '../../src/auth/sessions.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { FhirError } from '../../src/fhir/errors.ts';
import { createAuthRouter } from '../../src/http/auth-routes.ts';
import { authenticate } from '../../src/http/authenticate.ts';
import type { AccountStore } from '../../src/store/port.ts';
import { createKeyring } from '../../src/secrets/keyring.ts';
import { openPostgresAccountStore } from '../../src/store/accounts/postgres.ts';
import { openSqliteAccountStore } from '../../src/store/accounts/sqlite.ts';
import { postgresReachable, postgresUrl } from '../support/postgres.ts';

export type BackendKind = 'sqlite' | 'postgres';

export interface Backend {
  /** Opens the account store; call again after close() to "restart". */
  open(): Promise<AccountStore>;
  /** Runs SQL straight on the database (to set up an older layout). */
  raw(sql: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** PostgreSQL is required in CI (postgresReachable throws there); elsewhere its tests are skipped, visibly. */
export async function postgresAvailable(): Promise<boolean> {
  const up = await postgresReachable();
  if (!up) process.stderr.write(`PostgreSQL is not reachable at ${postgresUrl}: its account tests are skipped.\n`);
  return up;
}

/** A real SQLite file in a temporary folder, or a fresh PostgreSQL schema reached through search_path. */
export async function openBackend(kind: BackendKind): Promise<Backend> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'redbag-auth-'));
    const file = join(dir, 'redbag.sqlite');
    return {
      open: () => openSqliteAccountStore({ file }),
      raw: async (sql) => {
        const db = new DatabaseSync(file);
        db.exec(sql);
        db.close();
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `auth_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: postgresUrl, options: `-c search_path=${schema}`, max: 4 });
  return {
    open: () => openPostgresAccountStore({ pool }),
    raw: async (sql) => {
      await pool.query(sql);
    },
    cleanup: async () => {
      await pool.end();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestClock {
  now: () => Date;
  advance(seconds: number): void;
}

export function testClock(start = '2030-06-01T09:00:00Z'): TestClock {
  let t = Date.parse(start);
  const advance = (seconds: number): void => {
    t += seconds * 1000;
  };
  return { now: () => new Date(t), advance };
}

export const tokenTtlSeconds = 60;
export const sessionTtlSeconds = 3600;

export interface AuthApp {
  app: Express;
  config: Config;
  clock: TestClock;
  /** Every Patient sign-up asked the record layer to create. */
  patients: Patient[];
  /** Everything logged, as pino's JSON lines. */
  logText(): string;
}

/**
 * The auth router and the middleware in a small app, as app.ts wires them, with a minimal error
 * handler: FhirError → its status and OperationOutcome. authenticate() and the router each make
 * their own session service, like two instances sharing one database.
 */
/** The SECRET_KEY of the small test apps: every app built on one store shares it, like instances of one service. */
export const testKeyring = createKeyring(['a test secret key that is long enough, 32+']);

export function buildAuthApp(accounts: AccountStore, options: { publicUrl?: string; env?: Record<string, string>; clock?: TestClock } = {}): AuthApp {
  const config = loadConfig({
    PUBLIC_URL: options.publicUrl ?? 'http://redbag.test',
    TOKEN_TTL_SECONDS: String(tokenTtlSeconds),
    SESSION_TTL_SECONDS: String(sessionTtlSeconds),
    LOG_LEVEL: 'silent',
    REGISTER_PER_ADDRESS: '10000', // many sign-ups from one address here; the limit has tests of its own
    ...options.env,
  });
  const clock = options.clock ?? testClock();
  const patients: Patient[] = [];
  let logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += String(chunk);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);

  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.use(express.json({ type: ['application/json', 'application/fhir+json'] }));
  const sessions = createSessionService({ accounts, keyring: testKeyring, clock: clock.now, tokenTtlSeconds: config.tokenTtlSeconds, sessionTtlSeconds: config.sessionTtlSeconds });
  app.use(authenticate({ sessions, publicUrl: config.publicUrl }));
  const createPatient = async (patient: Patient): Promise<string> => {
    patients.push(patient);
    return randomUUID();
  };
  app.use('/auth', createAuthRouter({ accounts, keyring: testKeyring, createPatient, config, clock: clock.now, logger }));
  app.use(fhirErrors);
  return { app, config, clock, patients, logText: () => logged };
}

const fhirErrors: ErrorRequestHandler = (err, _req, res, _next) => {
  const error = err instanceof FhirError ? err : new FhirError('internal', `Unexpected: ${(err as Error)?.message}`);
  res.status(error.status).json(error.toOperationOutcome());
};

let counter = 0;
/** A new person's sign-up details. */
export function newPerson(given = 'Aisha', family = 'Khan'): { email: string; password: string; name: { given: string; family: string }; birthDate: string } {
  counter += 1;
  return { email: `${given.toLowerCase()}.${counter}.${randomBytes(3).toString('hex')}@example.org`, password: 'correct horse battery staple', name: { given, family }, birthDate: '1945-03-02' };
}

/** The name=value part of the session cookie a login set. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!header) throw new Error('no Set-Cookie header');
  return header.split(';')[0]!;
}
