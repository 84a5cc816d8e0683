import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

/**
 * Straight to the database under a running store, on a connection of its own: to count rows, and
 * to make one statement fail for real (a trigger that raises, in the database itself) so a test
 * can stop a change half way without mocking anything.
 */
export interface RawDatabase {
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  count(table: string, where?: string): Promise<number>;
  /** Every row count of these tables: equal before and after means nothing was stored. */
  snapshot(tables?: readonly string[]): Promise<Record<string, number>>;
  /** From now on, this kind of statement on `table` (where `when`, in NEW./OLD. terms) fails. Returns how to stop it. */
  failOn(table: string, event: 'INSERT' | 'UPDATE' | 'DELETE', when?: string): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What a multi-table change may touch: none of these may change when it fails. */
export const changeTables = [
  'resources', 'resource_history', 'index_token', 'index_string', 'index_date', 'index_reference',
  'accounts', 'sessions', 'carer_invitations', 'carer_links', 'notifications', 'outbox', 'notices_done',
  'health_links', 'card_revocations', 'token_keys', 'service_secrets', 'issuer_keys',
] as const;

let triggers = 0;

export function rawDatabase(where: { sqliteFile: string } | { postgresUrl: string }): RawDatabase {
  const run = 'sqliteFile' in where ? sqliteRunner(where.sqliteFile) : postgresRunner(where.postgresUrl);
  const dialect = 'sqliteFile' in where ? 'sqlite' : 'postgres';
  const raw: RawDatabase = {
    rows: (sql) => run.rows(sql),
    count: async (table, condition) => Number((await run.rows<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}${condition ? ` WHERE ${condition}` : ''}`))[0]!.n),
    snapshot: async (tables = changeTables) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await raw.count(t)] as const))),
    failOn: async (table, event, when) => {
      const name = `injected_failure_${++triggers}`;
      if (dialect === 'sqlite') {
        await run.rows(`CREATE TRIGGER ${name} BEFORE ${event} ON ${table} ${when ? `WHEN ${when}` : ''} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
        return async () => void (await run.rows(`DROP TRIGGER ${name}`));
      }
      await run.rows("CREATE OR REPLACE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
      await run.rows(`CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION injected_failure()`);
      return async () => void (await run.rows(`DROP TRIGGER ${name} ON ${table}`));
    },
    close: run.close,
  };
  return raw;
}

export function rawDatabaseOf(running: { dataDir: string; databaseUrl?: string }): RawDatabase {
  return rawDatabase(running.databaseUrl ? { postgresUrl: running.databaseUrl } : { sqliteFile: join(running.dataDir, 'redbag.sqlite') });
}

interface Runner {
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

function sqliteRunner(file: string): Runner {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  return {
    rows: async <T>(sql: string) => db.prepare(sql).all() as T[],
    close: async () => db.close(),
  };
}

function postgresRunner(url: string): Runner {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    rows: async <T>(sql: string) => (await pool.query(sql)).rows as T[],
    close: () => pool.end(),
  };
}
