import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';
import { postgresExecutor } from '../sql/postgres-executor.ts';
import { sqliteExecutor } from '../sql/sqlite-executor.ts';
import type { MigrationConnection } from './migrator.ts';

/**
 * PostgreSQL: an advisory lock held on one connection for the whole run, released in `finally`
 * (and by PostgreSQL itself if the connection dies), so a failed migration never leaves it held.
 */
export async function withPostgresMigrationConnection<T>(pool: pg.Pool, work: (connection: MigrationConnection) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    // Making or changing tables (an index on a large table, or waiting for another instance doing so)
    // may outlast PG_STATEMENT_TIMEOUT_MS: no limit on this one connection, which is then closed.
    await client.query('SET statement_timeout = 0');
    const connection: MigrationConnection = {
      db: postgresExecutor(client),
      async withSchemaLock(inner) {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', ['redbag-schema']);
        try {
          return await inner();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['redbag-schema']);
        }
      },
      async inTransaction(inner) {
        await client.query('BEGIN');
        try {
          await inner();
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      },
    };
    return await work(connection);
  } finally {
    client.release(true);
  }
}

/** Migrations of one SQLite file within this process, one after another (see below). */
const sqliteQueues = new Map<string, Promise<unknown>>();

/**
 * SQLite: the whole run is one write transaction (BEGIN IMMEDIATE), which is the lock: another
 * process waits for it, then finds nothing left to do. Each migration is a savepoint inside it.
 * Within one process (two services on one file, as in tests) runs also queue in memory first:
 * node:sqlite waits for a lock synchronously, which would stall the very run holding it.
 */
export function sqliteMigrationConnection(db: DatabaseSync, file: string): MigrationConnection {
  let savepoint = 0;
  return {
    db: sqliteExecutor(db),
    async withSchemaLock(inner) {
      const before = sqliteQueues.get(file) ?? Promise.resolve();
      const run = before.catch(() => undefined).then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await inner();
          db.exec('COMMIT');
          return result;
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      });
      sqliteQueues.set(file, run);
      try {
        return await run;
      } finally {
        if (sqliteQueues.get(file) === run) sqliteQueues.delete(file);
      }
    },
    async inTransaction(inner) {
      const name = `migration_${++savepoint}`;
      db.exec(`SAVEPOINT ${name}`);
      try {
        await inner();
        db.exec(`RELEASE ${name}`);
      } catch (err) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
        throw err;
      }
    },
  };
}
