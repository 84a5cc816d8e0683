import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { RunningService } from '../support/service.ts';

/** SQL straight on a running service's database (its SQLite file, or its PostgreSQL schema), to see what is really stored. */
export async function sqlOn(svc: RunningService): Promise<{ all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>; run(sql: string): Promise<void> }> {
  if (!svc.databaseUrl) {
    const file = join(svc.dataDir, 'redbag.sqlite');
    const withDb = <T>(work: (db: DatabaseSync) => T): T => {
      const db = new DatabaseSync(file);
      try {
        db.exec('PRAGMA busy_timeout = 5000');
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      all: async <T>(sql: string, params: unknown[] = []) => withDb((db) => db.prepare(sql).all(...(params as never[])) as T[]),
      run: async (sql: string) => withDb((db) => void db.exec(sql)),
    };
  }
  const url = svc.databaseUrl;
  const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    all: <T>(sql: string, params: unknown[] = []) =>
      withClient(async (c) => {
        let n = 0;
        return (await c.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
      }),
    run: (sql: string) => withClient(async (c) => void (await c.query(sql))),
  };
}
