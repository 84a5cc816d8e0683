import type pg from 'pg';
import { postgresExecutor } from './sql/postgres-executor.ts';
import { history, readCurrent, readMany, readVersion, search } from './sql/reads.ts';
import { migrateSchema } from './migrations/migrator.ts';
import { withPostgresMigrationConnection } from './migrations/connections.ts';
import { applyWrites } from './sql/writes.ts';
import { reindexBatch } from './sql/reindex.ts';
import type { Store } from './store.ts';
import { whileConnected } from './store-unavailable.ts';

/**
 * The production store: PostgreSQL through `pg`. The caller owns the pool (it may point
 * search_path at a schema). A commit is one BEGIN…COMMIT on one connection; COMMIT returns only
 * once PostgreSQL has made it durable (synchronous_commit, the server default).
 */
export async function openPostgresStore(options: { pool: pg.Pool }): Promise<Store> {
  const { pool } = options;
  // The schema is the migrations' (store/migrations): one instance migrates while the others wait.
  await withPostgresMigrationConnection(pool, (connection) => migrateSchema(connection));
  const reader = postgresExecutor(pool);

  return {
    kind: 'postgres',
    read: (type, id) => readCurrent(reader, type, id),
    vread: (type, id, versionId) => readVersion(reader, type, id, versionId),
    readMany: (keys) => readMany(reader, keys),
    history: (query) => history(reader, query),
    search: (query) => search(reader, query),
    commit: async (writes, now) => {
      const client = await whileConnected(() => pool.connect());
      let broken: unknown;
      try {
        await whileConnected(() => client.query('BEGIN'));
        const exec = postgresExecutor(client);
        const lock = async (key: string): Promise<void> => {
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
        };
        const results = await applyWrites(exec, writes, now, lock);
        await whileConnected(() => client.query('COMMIT'));
        return results;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
        throw err;
      } finally {
        // A connection that could not even roll back is closed rather than handed to the next request.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    reindex: async (job, limit, now) => {
      const client = await whileConnected(() => pool.connect());
      try {
        await client.query('BEGIN');
        const outcome = await reindexBatch(postgresExecutor(client), job, limit, now);
        await client.query('COMMIT');
        return outcome;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    // The pool belongs to whoever opened it.
    close: async () => {},
  };
}
