import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { withPostgresMigrationConnection } from './migrations/connections.ts';
import type { PoolStats } from '../metrics/metrics.ts';
import type { AccountStore, UnitOfWork } from './port.ts';
import { openPostgresStorage } from './postgres-store.ts';
import { openSqliteStorage } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** The storage port (port.ts) as the service holds it: the record store, the other repositories, and transactions across both. */
export interface Stores extends UnitOfWork {
  store: Store;
  accounts: AccountStore;
  /** Where the data lives, for the start-up log (no credentials). */
  description: string;
  /** The PostgreSQL pool's connections, for /metrics (absent for SQLite). */
  poolStats?: () => PoolStats;
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set (production, scale-out); otherwise one SQLite file under DATA_DIR. */
export async function openStores(config: Config, logger?: Logger): Promise<Stores> {
  if (config.databaseUrl) {
    // statement_timeout is sent when each connection opens, so PostgreSQL itself stops a runaway
    // statement (SQLSTATE 57014) and the connection returns to the pool for the next request.
    const { poolSize, statementTimeoutMs } = config.postgres;
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: poolSize, statement_timeout: statementTimeoutMs });
    survivePostgresRestarts(pool, logger);
    // A brand-new database is set up at start; an older one is migrated only when asked (npm run migrate, or MIGRATE_AT_START).
    const applied = await withPostgresMigrationConnection(pool, (connection) => migrateSchema(connection, config.migrateAtStart ? 'any' : 'fresh-only'));
    if (applied.length > 0) logger?.info({ applied }, 'database migrated');
    const storage = await openPostgresStorage({ pool });
    const url = new URL(config.databaseUrl);
    return {
      store: storage.records,
      accounts: storage.accounts,
      transaction: storage.transaction,
      description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: async () => {
        await storage.close();
        await pool.end();
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'redbag.sqlite');
  const storage = await openSqliteStorage({ file, onProblem: (message) => logger?.warn(message) });
  return {
    store: storage.records,
    accounts: storage.accounts,
    transaction: storage.transaction,
    description: `SQLite file ${file}`,
    close: storage.close,
  };
}

/**
 * A PostgreSQL restart or failover ends every connection with an 'error' event; pg leaves events
 * on checked-out clients unhandled, which would end the process. Each is logged (code only) and the
 * pool replaces the connection on next use, so the service answers 503 while the database is away
 * and carries on by itself when it is back.
 */
function survivePostgresRestarts(pool: pg.Pool, logger: Logger | undefined): void {
  const report = (err: Error & { code?: string }): void => logger?.warn({ code: err.code ?? err.name }, 'database connection lost');
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
}
