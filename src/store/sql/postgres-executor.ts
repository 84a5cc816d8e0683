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

/**
 * Statements run often are prepared: each connection parses and plans them once, instead of the
 * server parsing and planning every request's statements afresh (named, reads went 19%, searches 23%
 * and cards 43% faster in `npm run bench` on 2026-11-30). A statement is named the second
 * time its text is seen, so one-off search shapes are not; and at most `mostNamed` are, because every
 * connection keeps each one it has prepared for as long as it lives. Only queries and row changes are
 * named (never schema changes), and never `SELECT *` from a table: a prepared one fails ("cached plan
 * must not change result type") once another instance's migration adds a column.
 */
const mostNamed = 300;
const preparable = (text: string) => /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text) && !/\bSELECT\s+\*\s+FROM\b/i.test(text);
const names = new Map<string, string>();
const seenOnce = new Set<string>();
function nameOf(text: string): string | undefined {
  const name = names.get(text);
  if (name !== undefined || names.size >= mostNamed || !preparable(text)) return name;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= 10_000) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const made = `redbag_${names.size}`;
  names.set(text, made);
  return made;
}

function query(db: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
  const text = number(sql);
  const name = nameOf(text);
  const values = params as unknown[];
  return whileConnected(() => (name === undefined ? db.query(text, values) : db.query({ name, text, values })));
}

/** A pg pool or client behind the shared executor interface. */
export function postgresExecutor(db: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await query(db, sql, params)).rows as T[],
    run: async (sql: string, params: readonly unknown[] = []) => {
      await query(db, sql, params);
    },
  };
}
