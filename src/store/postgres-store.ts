import type pg from 'pg';
import { postgresExecutor } from './sql/postgres-executor.ts';
import { history, readCurrent, readMany, readVersion, search } from './sql/reads.ts';
import { schemaStatements } from './sql/schema.ts';
import { applyWrites } from './sql/writes.ts';
import type { Store } from './store.ts';

/**
 * The production store: PostgreSQL through `pg`. The caller owns the pool (it may point
 * search_path at a schema). A commit is one BEGIN…COMMIT on one connection; COMMIT returns only
 * once PostgreSQL has made it durable (synchronous_commit, the server default).
 */
export async function openPostgresStore(options: { pool: pg.Pool }): Promise<Store> {
  const { pool } = options;
  const setup = await pool.connect();
  try {
    // Making or changing tables (an index on a large table, or waiting for another instance doing so)
    // may outlast PG_STATEMENT_TIMEOUT_MS: no limit on this one connection, which is then closed.
    await setup.query('SET statement_timeout = 0');
    // One start-up at a time creates the schema, so several instances can start together.
    await setup.query('SELECT pg_advisory_lock(hashtext($1))', ['redbag-schema']);
    for (const statement of schemaStatements('postgres')) await setup.query(statement);
    await setup.query('SELECT pg_advisory_unlock(hashtext($1))', ['redbag-schema']);
  } finally {
    setup.release(true);
  }
  const reader = postgresExecutor(pool);

  return {
    kind: 'postgres',
    read: (type, id) => readCurrent(reader, type, id),
    vread: (type, id, versionId) => readVersion(reader, type, id, versionId),
    readMany: (keys) => readMany(reader, keys),
    history: (query) => history(reader, query),
    search: (query) => search(reader, query),
    commit: async (writes, now) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const exec = postgresExecutor(client);
        const lock = async (key: string): Promise<void> => {
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
        };
        const results = await applyWrites(exec, writes, now, lock);
        await client.query('COMMIT');
        return results;
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
