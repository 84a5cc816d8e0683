import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { AccountStore } from './accounts/account-store.ts';
import { openPostgresAccountStore } from './accounts/postgres.ts';
import { openSqliteAccountStore } from './accounts/sqlite.ts';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export interface Stores {
  store: Store;
  accounts: AccountStore;
  /** Where the data lives, for the start-up log (no credentials). */
  description: string;
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set (production, scale-out); otherwise one SQLite file under DATA_DIR. */
export async function openStores(config: Config): Promise<Stores> {
  if (config.databaseUrl) {
    // statement_timeout is sent when each connection opens, so PostgreSQL itself stops a runaway
    // statement (SQLSTATE 57014) and the connection returns to the pool for the next request.
    const { poolSize, statementTimeoutMs } = config.postgres;
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: poolSize, statement_timeout: statementTimeoutMs });
    const store = await openPostgresStore({ pool });
    const accounts = await openPostgresAccountStore({ pool });
    const url = new URL(config.databaseUrl);
    return {
      store,
      accounts,
      description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: async () => {
        await accounts.close();
        await store.close();
        await pool.end();
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'redbag.sqlite');
  const store = await openSqliteStore({ file });
  const accounts = await openSqliteAccountStore({ file });
  return {
    store,
    accounts,
    description: `SQLite file ${file}`,
    close: async () => {
      await accounts.close();
      await store.close();
    },
  };
}
