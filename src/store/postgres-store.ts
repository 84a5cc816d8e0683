import type pg from 'pg';
import { postgresExecutor } from './sql/postgres-executor.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { hasCitus } from './migrations/citus.ts';
import { withPostgresMigrationConnection } from './migrations/connections.ts';
import { storageOver, type Storage } from './storage.ts';
import type { Store } from './store.ts';
import { whileConnected } from './store-unavailable.ts';
import { runInUnit, type OpenUnit, type SqlEngine } from './unit-of-work.ts';

/**
 * The production store: PostgreSQL through `pg`. The caller owns the pool (it may point
 * search_path at a schema). A transaction is one BEGIN…COMMIT on one pooled connection; COMMIT
 * returns only once PostgreSQL has made it durable (synchronous_commit, the server default).
 */
export async function openPostgresStorage(options: { pool: pg.Pool }): Promise<Storage> {
  const { pool } = options;
  // The schema is the migrations' (store/migrations): one instance migrates while the others wait.
  await withPostgresMigrationConnection(pool, (connection) => migrateSchema(connection));
  const sharded = await hasCitus(postgresExecutor(pool));
  // The pool belongs to whoever opened it: closing the storage leaves it open.
  return storageOver(postgresEngine(pool, sharded), async () => {});
}

export async function openPostgresStore(options: { pool: pg.Pool }): Promise<Store> {
  return (await openPostgresStorage(options)).records;
}

/** Units of work on one pool join each other (the pool is the owner), whichever storage began them. */
function postgresEngine(pool: pg.Pool, sharded: boolean): SqlEngine {
  const shared = postgresExecutor(pool);
  return {
    kind: 'postgres',
    sharded,
    owner: pool,
    reader: shared,
    autocommit: shared,
    begin: async (work) => {
      const client = await whileConnected(() => pool.connect());
      let broken: unknown;
      try {
        await whileConnected(() => client.query('BEGIN'));
        const unit: OpenUnit = {
          owner: pool,
          db: postgresExecutor(client),
          lock: async (key) => void (await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key])),
          open: true,
          savepoints: 0,
        };
        const result = await runInUnit(unit, () => work(unit));
        // A transaction in which a statement failed (and the error was caught) answers COMMIT with
        // ROLLBACK, without an error: that must not be taken for success.
        const done = await whileConnected(() => client.query('COMMIT'));
        if (done.command !== 'COMMIT') throw new Error('The database rolled the transaction back: a statement in it had failed.');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
        throw err;
      } finally {
        // A connection that could not even roll back is closed rather than handed to the next request.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
  };
}
