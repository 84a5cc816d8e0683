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
    },
    postgres: { statementTimeoutMs: c.PG_STATEMENT_TIMEOUT_MS, poolSize: c.PG_POOL_SIZE },
  };
}

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
    DEMO_DATA: onOff.default(true),
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
    /** `production` makes settings that only suit a developer's machine mistakes (PUBLIC_URL must be set). */
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** `/metrics` (Prometheus) listens here, apart from the public port; `off` to switch it off. */
    METRICS_PORT: z
      .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)])
      .default(9464),
    /** The metrics listener's address: the machine itself unless an operator opens it to a private network. */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    ...boundedInputEnv,
  })
  .superRefine((c, ctx) => {
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
    demoData: c.DEMO_DATA,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    tokenTtlSeconds: c.TOKEN_TTL_SECONDS,
    sessionTtlSeconds: c.SESSION_TTL_SECONDS,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    adminEmail: c.ADMIN_EMAIL,
    adminPassword: c.ADMIN_PASSWORD,
    serviceName: c.SERVICE_NAME,
    logoUrl: c.SERVICE_LOGO_URL,
    trustedIssuers: c.TRUSTED_ISSUERS.map((t) => ({ iss: t.iss.replace(/\/+$/, ''), name: t.name })),
    production: c.NODE_ENV === 'production',
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
