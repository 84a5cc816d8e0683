import { readFileSync } from 'node:fs';
import express from 'express';
import { z } from 'zod';
import { newPasswordSchema } from './auth/password-rules.ts';

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

/**
 * Bounded input: what one request may ask for, and how long PostgreSQL may work on one statement.
 * The defaults are far above what the portal or a FHIR client sends (see search/search-limits.ts
 * and README "Configuration" for why each).
 */
const boundedInputEnv = {
  SEARCH_MAX_PARAMETERS: z.coerce.number().int().min(1).max(1000).default(50),
  SEARCH_MAX_VALUES: z.coerce.number().int().min(1).max(1000).default(20),
  SEARCH_MAX_OFFSET: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  SEARCH_MAX_INCLUDES: z.coerce.number().int().min(0).max(100).default(10),
  QUERY_MAX_BYTES: z.coerce.number().int().min(256).max(1_048_576).default(8_192),
  BUNDLE_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Shares with organisations or professionals one person may make (or change) in a day: junk shares must not bury an organisation's lookups. */
  SHARES_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(20),
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
};

function boundedInput(c: z.output<z.ZodObject<typeof boundedInputEnv>>) {
  return {
    limits: {
      search: {
        maxParameters: c.SEARCH_MAX_PARAMETERS,
        maxValuesPerParameter: c.SEARCH_MAX_VALUES,
        maxOffset: c.SEARCH_MAX_OFFSET,
        maxIncludes: c.SEARCH_MAX_INCLUDES,
        maxQueryBytes: c.QUERY_MAX_BYTES,
      },
      maxBundleEntries: c.BUNDLE_MAX_ENTRIES,
      sharesPerDay: c.SHARES_PER_DAY,
    },
    postgres: { statementTimeoutMs: c.PG_STATEMENT_TIMEOUT_MS, poolSize: c.PG_POOL_SIZE },
  };
}

// --- Secrets apart from the data (SECRET_KEY) ------------------------------------------------
const secretText = z.string().trim().min(32, 'must be at least 32 characters: make one with  openssl rand -base64 32');
const secretSettings = {
  /** `production` makes SECRET_KEY (or SECRET_KEY_FILE) required and demo data impossible. */
  NODE_ENV: z.string().trim().optional(),
  /** Seals the token and card signing keys stored in the database; never stored there itself. */
  SECRET_KEY: secretText.optional(),
  /** A file holding SECRET_KEY (a container or systemd secret). */
  SECRET_KEY_FILE: z.string().trim().min(1).optional(),
  /** The key before the current one, while moving to a new SECRET_KEY: what it sealed is sealed again at start. */
  SECRET_KEY_PREVIOUS: secretText.optional(),
};
type SecretSettings = { NODE_ENV?: string | undefined; SECRET_KEY?: string | undefined; SECRET_KEY_FILE?: string | undefined; SECRET_KEY_PREVIOUS?: string | undefined };

function checkSecretSettings(c: SecretSettings, ctx: z.RefinementCtx): void {
  if (c.SECRET_KEY !== undefined && c.SECRET_KEY_FILE !== undefined) ctx.addIssue({ code: 'custom', path: ['SECRET_KEY_FILE'], message: 'set SECRET_KEY or SECRET_KEY_FILE, not both' });
  if (c.NODE_ENV === 'production' && c.SECRET_KEY === undefined && c.SECRET_KEY_FILE === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SECRET_KEY'],
      message: 'is needed when NODE_ENV=production (it seals the token and card signing keys, apart from the database): set SECRET_KEY, or SECRET_KEY_FILE to a file holding it; make one with  openssl rand -base64 32',
    });
  }
  if (c.SECRET_KEY_FILE !== undefined) {
    const read = readSecretFile(c.SECRET_KEY_FILE);
    if (typeof read !== 'string') ctx.addIssue({ code: 'custom', path: ['SECRET_KEY_FILE'], message: read.problem });
  }
}

function readSecretFile(file: string): string | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    return { problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${file}` };
  }
  return text.length >= 32 ? text : { problem: `must hold at least 32 characters: make one with  openssl rand -base64 32 > ${file}` };
}

/**
 * The configured keys, current first: a function, so the key never shows in a logged or
 * serialised Config. `undefined` when none is configured (development: service.ts then keeps a
 * key file under DATA_DIR).
 */
function secretKeysOf(c: SecretSettings): () => string[] | undefined {
  return () => {
    const current = c.SECRET_KEY ?? (c.SECRET_KEY_FILE === undefined ? undefined : (readSecretFile(c.SECRET_KEY_FILE) as string));
    if (current === undefined) return undefined;
    return c.SECRET_KEY_PREVIOUS === undefined ? [current] : [current, c.SECRET_KEY_PREVIOUS];
  };
}

// --- Demo mode ---------------------------------------------------------------------------------
const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLocalUrl = (url: string | undefined): boolean => {
  if (url === undefined) return true;
  const host = new URL(url).hostname;
  return localHosts.has(host) || host.endsWith('.localhost');
};

/** The demo people's passwords are published: only the embedded, local, non-production start gets them by default. */
function demoDataDefault(c: { NODE_ENV?: string | undefined; PUBLIC_URL?: string | undefined; DATABASE_URL?: string | undefined }): boolean {
  return c.NODE_ENV !== 'production' && isLocalUrl(c.PUBLIC_URL) && c.DATABASE_URL === undefined;
}

function checkDemoSettings(c: { DEMO_DATA?: boolean | undefined; NODE_ENV?: string | undefined; PUBLIC_URL?: string | undefined }, ctx: z.RefinementCtx): void {
  if (c.DEMO_DATA !== true) return;
  if (c.NODE_ENV === 'production') ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'cannot be on with NODE_ENV=production: the demo people’s passwords (a clinician who can break the glass among them) are published' });
  else if (!isLocalUrl(c.PUBLIC_URL)) ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'cannot be on when PUBLIC_URL is not this computer (localhost): the demo people’s passwords are published' });
}

// --- Sign-in and sign-up limits ----------------------------------------------------------------
const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const signInLimitSettings = {
  /** Wrong passwords for one account (from devices it was never signed in on) before each next try must wait. */
  SIGNIN_FREE_FAILURES_PER_ACCOUNT: count(1, 1000, 5),
  /** Failed sign-ins from one address (to any accounts) before each next try from it must wait. */
  SIGNIN_FREE_FAILURES_PER_ADDRESS: count(1, 100_000, 30),
  /** The first wait; each further failure doubles it, up to the longest. */
  SIGNIN_FIRST_DELAY_SECONDS: count(1, 3600, 1),
  SIGNIN_MAX_DELAY_SECONDS: count(1, 86_400, 60),
  /** Failures are forgotten once none has come for this long (and an account's at its owner's next sign-in). */
  SIGNIN_FORGET_AFTER_SECONDS: count(60, 2_592_000, 86_400),
  /** Sign-ups allowed from one address per window. */
  REGISTER_PER_ADDRESS: count(1, 100_000, 20),
  REGISTER_WINDOW_SECONDS: count(1, 86_400, 3600),
};
type SignInLimitSettings = { [K in keyof typeof signInLimitSettings]: number };

function signInLimitsOf(c: SignInLimitSettings) {
  const delays = { firstDelaySeconds: c.SIGNIN_FIRST_DELAY_SECONDS, maxDelaySeconds: Math.max(c.SIGNIN_MAX_DELAY_SECONDS, c.SIGNIN_FIRST_DELAY_SECONDS) };
  return {
    account: { freeFailures: c.SIGNIN_FREE_FAILURES_PER_ACCOUNT, ...delays },
    address: { freeFailures: c.SIGNIN_FREE_FAILURES_PER_ADDRESS, ...delays },
    forgetAfterSeconds: c.SIGNIN_FORGET_AFTER_SECONDS,
    registerPerAddress: c.REGISTER_PER_ADDRESS,
    registerWindowSeconds: c.REGISTER_WINDOW_SECONDS,
  };
}
export type SignInLimits = ReturnType<typeof signInLimitsOf>;

// --- Everything ---------------------------------------------------------------------------------
const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /** The address people and other systems use to reach this service; the `iss` of cards. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Professionals and admins must sign in with an authenticator app code as well as their
     * password: on by default with NODE_ENV=production, off otherwise (the demo mode's two-command
     * start and scripted API clients keep signing in with a password alone). People may always choose one.
     */
    SECOND_FACTOR_FOR_STAFF: onOff.optional(),
    /** Demo people (published passwords): on by default only for a local, non-production start (see demoDataDefault). */
    DEMO_DATA: onOff.optional(),
    /** Largest request body accepted, in bytes; larger ones get 413. */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    /** Lifetime of a bearer access token, in seconds. */
    TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    /** Lifetime of a portal session cookie, in seconds. */
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(43_200),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /** The first admin, made at start while there is no admin at all; the same password rules as everyone's. */
    ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email('must be an email address like admin@example.org')).optional(),
    ADMIN_PASSWORD: newPasswordSchema.optional(),
    /** The name people see on every page (an NHS organisation deploying it may use its own). */
    SERVICE_NAME: z.string().trim().min(1).max(60).default('Red Bag'),
    /** The logo in the page header: ours unless configured (only an NHS organisation may show the NHS logo). */
    SERVICE_LOGO_URL: z.string().min(1).default('/red-bag-logo.svg'),
    /** Other card issuers the scanner trusts, as JSON: [{"iss":"https://…","name":"…"}]. */
    TRUSTED_ISSUERS: z
      .string()
      .default('[]')
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON, for example [{"iss":"https://issuer.example","name":"Example"}]' });
          return z.NEVER;
        }
      })
      .pipe(z.array(z.object({ iss: z.url({ protocol: /^https?$/ }), name: z.string().min(1).max(80) }))),
    /**
     * Behind a reverse proxy, which of them to believe about the caller's address (X-Forwarded-For),
     * so sign-in throttling counts each person's address, not the proxy's: `off` (default), a number
     * of proxies, or Express's names and addresses (`loopback`, `10.0.0.0/8`, …).
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(/^(off|\d{1,2}|[A-Za-z0-9.:/, ]+)$/, 'must be off, a number of proxies, or addresses such as loopback or 10.0.0.0/8')
      .default('off'),
    /** Where the outbox's emails go: `file` writes each as an .eml file under MAIL_DIR (development); `smtp` sends through SMTP_URL. */
    MAIL_TRANSPORT: z.enum(['file', 'smtp']).default('file'),
    /** For MAIL_TRANSPORT=file; by default DATA_DIR/mail. */
    MAIL_DIR: z.string().min(1).optional(),
    /** For MAIL_TRANSPORT=smtp: smtp://user:pass@host:587 or smtps://…:465. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must start with smtp:// or smtps://' }).optional(),
    /** The sender of every email, e.g. "Red Bag <no-reply@redbag.example.org>"; by default the service name at PUBLIC_URL's host. */
    MAIL_FROM: z.string().trim().min(3).max(200).optional(),
    /** How often the outbox is looked at (it is also sent at once whenever a notice is queued), and how often shares about to end are looked for. */
    OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** How long one instance holds an email while sending it; renewed while the mail server is slow, so no other instance sends it too. */
    OUTBOX_CLAIM_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    NOTICE_SWEEP_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** PostgreSQL: migrate an older database at start (off: start refuses and asks for `npm run migrate`). A new, empty database is always set up. */
    MIGRATE_AT_START: onOff.default(false),
    /** `/metrics` (Prometheus) listens here, apart from the public port; `off` to switch it off. */
    METRICS_PORT: z
      .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)])
      .default(9464),
    /** The metrics listener's address: the machine itself unless an operator opens it to a private network. */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    ...boundedInputEnv,
    ...secretSettings,
    ...signInLimitSettings,
  })
  .superRefine((c, ctx) => {
    checkSecretSettings(c, ctx);
    checkDemoSettings(c, ctx);
    // Cards carry PUBLIC_URL as their issuer: a guessed localhost would make every card fail to verify elsewhere.
    if (c.PUBLIC_URL === undefined && (c.DATABASE_URL !== undefined || c.NODE_ENV === 'production')) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is needed with DATABASE_URL or NODE_ENV=production: the address people and other systems use to reach this service, such as https://redbag.example.org (cards carry it as their issuer)' });
    }
    if (c.TRUST_PROXY !== 'off' && !/^\d+$/.test(c.TRUST_PROXY)) {
      try {
        express().set('trust proxy', c.TRUST_PROXY); // Express's own parser says whether it understands it
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message: `is not understood (${(err as Error).message}): use off, a number of proxies, or addresses such as loopback or 10.0.0.0/8` });
      }
    }
    if (c.MAIL_TRANSPORT === 'smtp' && c.SMTP_URL === undefined) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is needed with MAIL_TRANSPORT=smtp' });
    if (c.ADMIN_EMAIL !== undefined && c.ADMIN_PASSWORD === undefined) ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'is needed with ADMIN_EMAIL: set both, or neither' });
    if (c.ADMIN_PASSWORD !== undefined && c.ADMIN_EMAIL === undefined) ctx.addIssue({ code: 'custom', path: ['ADMIN_EMAIL'], message: 'is needed with ADMIN_PASSWORD: set both, or neither' });
    if (c.ADMIN_PASSWORD !== undefined && c.ADMIN_PASSWORD.toLowerCase() === c.ADMIN_EMAIL) ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'must not be the admin’s email address' });
  })
  .transform((c) => ({
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    logLevel: c.LOG_LEVEL,
    demoData: c.DEMO_DATA ?? demoDataDefault(c),
    /** Whether demo mode may be on here at all; where not, demo accounts found in the database are closed. */
    demoAllowed: c.NODE_ENV !== 'production' && isLocalUrl(c.PUBLIC_URL),
    production: c.NODE_ENV === 'production',
    secondFactorForStaff: c.SECOND_FACTOR_FOR_STAFF ?? c.NODE_ENV === 'production',
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    tokenTtlSeconds: c.TOKEN_TTL_SECONDS,
    sessionTtlSeconds: c.SESSION_TTL_SECONDS,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    adminEmail: c.ADMIN_EMAIL,
    adminPassword: c.ADMIN_PASSWORD,
    serviceName: c.SERVICE_NAME,
    logoUrl: c.SERVICE_LOGO_URL,
    trustedIssuers: c.TRUSTED_ISSUERS.map((t) => ({ iss: t.iss.replace(/\/+$/, ''), name: t.name })),
    migrateAtStart: c.MIGRATE_AT_START,
    metrics: c.METRICS_PORT === 'off' ? undefined : { port: c.METRICS_PORT, host: c.METRICS_HOST },
    trustProxy: c.TRUST_PROXY === 'off' ? false : /^\d+$/.test(c.TRUST_PROXY) ? Number(c.TRUST_PROXY) : c.TRUST_PROXY,
    mail: {
      transport: c.MAIL_TRANSPORT,
      dir: c.MAIL_DIR ?? `${c.DATA_DIR.replace(/\/+$/, '')}/mail`,
      smtpUrl: c.SMTP_URL,
      from: c.MAIL_FROM ?? `${c.SERVICE_NAME} <no-reply@${new URL(c.PUBLIC_URL ?? 'http://localhost').hostname}>`,
      outboxIntervalMs: c.OUTBOX_INTERVAL_SECONDS * 1000,
      outboxClaimSeconds: c.OUTBOX_CLAIM_SECONDS,
      sweepIntervalMs: c.NOTICE_SWEEP_MINUTES * 60_000,
    },
    ...boundedInput(c),
    secretKeys: secretKeysOf(c),
    signInLimits: signInLimitsOf(c),
  }));

export type Config = Readonly<z.output<typeof schema>>;

export class ConfigError extends Error {}

/** Reads the environment once at start; a bad value stops the service with a message saying which and why. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`The configuration is not valid:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}
