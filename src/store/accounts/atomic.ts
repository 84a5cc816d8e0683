import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';
import { whileConnected } from '../store-unavailable.ts';
import type { AtomicRunner } from './closure-sql.ts';

/**
 * SQLite: the statements run synchronously inside BEGIN IMMEDIATE … COMMIT, so nothing else on
 * this connection can slip in between them (no await until the end), and a failure rolls back.
 */
export function sqliteAtomic(db: DatabaseSync): AtomicRunner {
  return async (statements) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const { sql, params } of statements) db.prepare(sql).run(...(params as never[]));
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  };
}

/** PostgreSQL: one client from the pool, BEGIN … COMMIT, ROLLBACK on any failure. */
export function postgresAtomic(pool: pg.Pool): AtomicRunner {
  return async (statements) => {
    const client = await whileConnected(() => pool.connect());
    try {
      await client.query('BEGIN');
      for (const { sql, params } of statements) {
        let n = 0;
        await client.query(sql.replace(/\?/g, () => `$${++n}`), params as unknown[]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}
