import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresExecutor } from '../../src/store/sql/postgres-executor.ts';
import { createTestSchema, describePostgres, postgresReachable } from '../support/postgres.ts';

const reachable = await postgresReachable();

/**
 * On the real PostgreSQL server: which statements the executor has each connection prepare, read back
 * from the connection's own pg_prepared_statements.
 */
describePostgres(reachable, 'statements prepared on PostgreSQL', () => {
  // One connection, so the statements it prepared are the ones pg_prepared_statements lists.
  let client: pg.Pool;
  let drop: () => Promise<void>;
  const prepared = async (): Promise<string[]> =>
    (await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((r) => r.statement);

  beforeAll(async () => {
    const schema = await createTestSchema('prep');
    drop = schema.drop;
    client = new pg.Pool({ connectionString: schema.url, max: 1 });
    await client.query('CREATE TABLE kept (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  });
  afterAll(async () => {
    await client?.end();
    await drop?.();
  });

  it('prepares a query from its second run, answering the same; never SELECT * or a schema change', async () => {
    const db = postgresExecutor(client);
    // Texts no other test runs, so this file's process has seen none of them before.
    const insert = 'INSERT INTO kept (id, n) VALUES (?, ?) /* prepared-statements test */';
    const select = 'SELECT id, n FROM kept WHERE n >= ? ORDER BY id /* prepared-statements test */';
    const star = 'SELECT * FROM kept WHERE n >= ? /* prepared-statements test */';
    const alter = 'ALTER TABLE kept ALTER COLUMN n SET DEFAULT 0 /* prepared-statements test */';

    await db.run(insert, ['a', 1]);
    expect(await db.all(select, [0])).toEqual([{ id: 'a', n: 1 }]);
    expect(await prepared()).toEqual([]);

    await db.run(insert, ['b', 2]);
    expect(await db.all(select, [2])).toEqual([{ id: 'b', n: 2 }]);
    for (let i = 0; i < 3; i++) {
      await db.all(star, [0]);
      await db.run(alter);
    }
    expect(await db.all(select, [0])).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    const statements = await prepared();
    expect(statements).toHaveLength(2);
    expect(statements.some((s) => s.startsWith('INSERT INTO kept'))).toBe(true);
    expect(statements.some((s) => s.startsWith('SELECT id, n FROM kept'))).toBe(true);
    // The parameters are numbered for PostgreSQL in the prepared text too.
    expect(statements.every((s) => s.includes('$1') && !s.includes('?'))).toBe(true);
  });
});
