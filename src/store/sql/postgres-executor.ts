import type pg from 'pg';
import type { SqlExecutor } from './executor.ts';
import { whileConnected } from '../store-unavailable.ts';

/** The shared SQL is written with `?`; PostgreSQL wants $1, $2… (cached per statement text). */
const numbered = new Map<string, string>();
function number(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    // Search text varies with the query's shape; a bound keeps a stream of odd queries from growing it forever.
    if (numbered.size >= 1000) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}

/** A pg pool or client behind the shared executor interface. */
export function postgresExecutor(db: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await whileConnected(() => db.query(number(sql), params as unknown[]))).rows as T[],
    run: async (sql: string, params: readonly unknown[] = []) => {
      await whileConnected(() => db.query(number(sql), params as unknown[]));
    },
  };
}
