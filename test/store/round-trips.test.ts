import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Condition } from '@medplum/fhirtypes';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { SqlExecutor } from '../../src/store/sql/executor.ts';
import { postgresExecutor } from '../../src/store/sql/postgres-executor.ts';
import { openSqliteConnection, sqliteExecutor } from '../../src/store/sql/sqlite-executor.ts';
import { readCurrent, readVersion, type ReadById } from '../../src/store/sql/reads.ts';
import { applyWrites } from '../../src/store/sql/writes.ts';
import type { Write } from '../../src/store/store.ts';
import { createTestSchema, postgresReachable } from '../support/postgres.ts';

const pgUp = await postgresReachable();

/**
 * Issue 16, item 1: a create, an update and a transaction go to the database in a number of
 * statements that does not grow with the number of resources (each statement is a round trip to
 * PostgreSQL). Counted on the real databases, through the statements they actually ran.
 */
const condition = (id: string, version = 'v1'): Condition & { id: string } => ({
  resourceType: 'Condition',
  id,
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }], text: `condition ${version}` },
  subject: { reference: 'Patient/p1' },
  onsetDateTime: '2015-06-01',
});

interface Counted {
  statements: number;
  rowsOf(id: string): Promise<number>;
}

type Open = () => Promise<{ run(writes: Write[]): Promise<Counted>; reader: SqlExecutor; close(): Promise<void> }>;

function counting(inner: SqlExecutor): SqlExecutor & { statements: number } {
  const counted = {
    dialect: inner.dialect,
    statements: 0,
    all: <T>(sql: string, params?: readonly unknown[]) => {
      counted.statements++;
      return inner.all<T>(sql, params);
    },
    run: (sql: string, params?: readonly unknown[]) => {
      counted.statements++;
      return inner.run(sql, params);
    },
  };
  return counted;
}

const openSqlite: Open = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-round-trips-'));
  const file = join(dir, 'red-bag.db');
  await (await openSqliteStore({ file })).close(); // migrated
  const db = openSqliteConnection(file);
  const plain = sqliteExecutor(db);
  return {
    run: async (writes) => {
      const db2 = counting(plain);
      db.exec('BEGIN IMMEDIATE');
      await applyWrites(db2, writes, new Date(), async () => {});
      db.exec('COMMIT');
      return { statements: db2.statements, rowsOf: async (id) => (await plain.all('SELECT 1 FROM index_token WHERE id = ?', [id])).length };
    },
    reader: plain,
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const openPostgres: Open = async () => {
  const schema = await createTestSchema('round_trips');
  const pool = new pg.Pool({ connectionString: schema.url });
  await (await openPostgresStore({ pool })).close(); // migrated
  return {
    run: async (writes) => {
      const client = await pool.connect();
      try {
        const db = counting(postgresExecutor(client));
        await client.query('BEGIN');
        await applyWrites(db, writes, new Date(), async () => {});
        await client.query('COMMIT');
        return { statements: db.statements, rowsOf: async (id) => (await pool.query('SELECT 1 FROM index_token WHERE id = $1', [id])).rowCount ?? 0 };
      } finally {
        client.release();
      }
    },
    reader: postgresExecutor(pool),
    close: async () => {
      await pool.end();
      await schema.drop();
    },
  };
};

for (const [name, open] of [['SQLite', openSqlite], ['PostgreSQL', openPostgres]] as const) {
  describe.skipIf(name === 'PostgreSQL' && !pgUp)(`statements per write on ${name}`, () => {
    let store: Awaited<ReturnType<Open>>;
    beforeAll(async () => {
      await loadFhirDefinitions();
      store = await open();
    });
    afterAll(async () => store?.close());
    // On PostgreSQL a run's row changes go as one statement (store/sql/one-statement.ts); an update or
    // delete first finds the current rows, one statement a record.
    const most = name === 'PostgreSQL' ? { create: 1, update: 2, mixed: 2 } : { create: 7, update: 12, mixed: 12 };

    const creates = (prefix: string, n: number): Write[] =>
      Array.from({ length: n }, (_, i) => ({ kind: 'create', resource: condition(`${prefix}-${i}`), compartment: 'p1' }));
    const updates = (prefix: string, n: number): Write[] =>
      Array.from({ length: n }, (_, i) => ({ kind: 'update', resource: condition(`${prefix}-${i}`, 'v2'), compartment: 'p1', ifMatch: '1' }));

    it('a create is seven statements at most (resource, history, location, four index tables; one on PostgreSQL), and twenty creates the same', async () => {
      const one = await store.run(creates('one', 1));
      const twenty = await store.run(creates('twenty', 20));
      expect(one.statements).toBeLessThanOrEqual(most.create);
      expect(twenty.statements).toBe(one.statements);
      // Every one of the twenty is indexed, not just the first.
      for (let i = 0; i < 20; i++) expect(await twenty.rowsOf(`twenty-${i}`)).toBeGreaterThan(0);
    });

    it('twenty updates take as many statements as one (the rows found in one statement a record, old index rows removed in one a table)', async () => {
      const one = await store.run(updates('one', 1));
      const twenty = await store.run(updates('twenty', 20));
      expect(twenty.statements).toBe(one.statements);
      expect(one.statements).toBeLessThanOrEqual(most.update);
      for (let i = 0; i < 20; i++) expect(await twenty.rowsOf(`twenty-${i}`)).toBeGreaterThan(0);
    });

    it('a 20-entry transaction with its audit event, mixing creates, updates and deletes, is still a handful of statements', async () => {
      await store.run(creates('mixed-old', 10));
      const writes: Write[] = [
        ...creates('mixed-new', 10),
        ...updates('mixed-old', 5),
        ...Array.from({ length: 5 }, (_, i): Write => ({ kind: 'delete', resourceType: 'Condition', id: `mixed-old-${i + 5}`, compartment: 'p1' })),
      ];
      const counted = await store.run(writes);
      expect(counted.statements).toBeLessThanOrEqual(most.mixed);
      expect(await counted.rowsOf('mixed-old-9')).toBe(0); // deleted: out of the index
      expect(await counted.rowsOf('mixed-new-9')).toBeGreaterThan(0);
    });
  });
}

for (const [name, open] of [['SQLite', openSqlite], ['PostgreSQL', openPostgres]] as const) {
  describe.skipIf(name === 'PostgreSQL' && !pgUp)(`statements per read by id on ${name}`, () => {
    // Where the rows and the table of where each id lives are in one database, one statement (a join);
    // on Citus, where they are on different shards, two (test/store/citus-layout.test.ts).
    let store: Awaited<ReturnType<Open>>;
    beforeAll(async () => {
      await loadFhirDefinitions();
      store = await open();
      await store.run([{ kind: 'create', resource: condition('read-1'), compartment: 'p1' }]);
      await store.run([{ kind: 'update', resource: condition('read-1', 'v2'), compartment: 'p1', ifMatch: '1' }]);
      await store.run([{ kind: 'create', resource: condition('read-gone'), compartment: 'p1' }]);
      await store.run([{ kind: 'delete', resourceType: 'Condition', id: 'read-gone', compartment: 'p1' }]);
    });
    afterAll(async () => store?.close());

    const both = async <T>(read: (db: SqlExecutor, how: ReadById) => Promise<T>) => {
      const joined = counting(store.reader);
      const located = counting(store.reader);
      const answers = [await read(joined, 'joined'), await read(located, 'located-first')];
      return { answers, statements: [joined.statements, located.statements] };
    };
    const plain = (found: unknown) => JSON.parse(JSON.stringify(found ?? null)) as unknown;

    it('the current version, an old one, a deleted one and a missing one: one statement each, the same answers as finding the place first', async () => {
      const current = await both((db, how) => readCurrent(db, 'Condition', 'read-1', how));
      expect(current.statements).toEqual([1, 2]);
      expect(plain(current.answers[0])).toEqual(plain(current.answers[1]));
      expect(current.answers[0]).toMatchObject({ deleted: false, versionId: '2', compartment: 'p1' });
      expect(JSON.parse((current.answers[0] as { json: string }).json).code.text).toBe('condition v2');

      const first = await both((db, how) => readVersion(db, 'Condition', 'read-1', '1', how));
      expect(first.statements).toEqual([1, 2]);
      expect(JSON.parse((first.answers[0] as { json: string }).json).code.text).toBe('condition v1');
      expect(plain(first.answers[0])).toEqual(plain(first.answers[1]));

      const gone = await both((db, how) => readCurrent(db, 'Condition', 'read-gone', how));
      expect(gone.answers[0]).toMatchObject({ deleted: true, versionId: '2' });
      expect(plain(gone.answers[0])).toEqual(plain(gone.answers[1]));

      for (const missing of [
        await both((db, how) => readCurrent(db, 'Condition', 'nobody', how)),
        await both((db, how) => readCurrent(db, 'Observation', 'read-1', how)),
        await both((db, how) => readVersion(db, 'Condition', 'read-1', '3', how)),
      ]) {
        expect(missing.answers).toEqual([undefined, undefined]);
        expect(missing.statements[0]).toBe(1);
      }
    });
  });
}

describe.skipIf(!pgUp)('new resources committed by themselves on PostgreSQL', () => {
  // What the server was sent, counted at the pool: statements sent by themselves (pool.query), and
  // connections taken for a transaction, BEGIN … COMMIT (pool.connect, less the one each pool.query takes).
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let pool: pg.Pool;
  let store: Awaited<ReturnType<typeof openPostgresStore>>;
  const sent = { queries: 0, connects: 0 };
  beforeAll(async () => {
    await loadFhirDefinitions();
    schema = await createTestSchema('commit_alone');
    pool = new pg.Pool({ connectionString: schema.url });
    store = await openPostgresStore({ pool });
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
    Object.assign(pool, {
      query: (...args: unknown[]) => {
        sent.queries++;
        return query(...args);
      },
      connect: (...args: unknown[]) => {
        sent.connects++;
        return connect(...args);
      },
    });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await schema?.drop();
  });
  let counts = { alone: 0, transactions: 0 };
  const counted = async (writes: Write[]) => {
    sent.queries = 0;
    sent.connects = 0;
    try {
      await store.commit(writes, new Date());
    } finally {
      counts = { alone: sent.queries, transactions: sent.connects - sent.queries };
    }
    return counts;
  };

  it('twenty creates are one statement and no transaction, and every one is stored and indexed', async () => {
    const writes = Array.from({ length: 20 }, (_, i): Write => ({ kind: 'create', resource: condition(`alone-${i}`), compartment: 'p1' }));
    expect(await counted(writes)).toEqual({ alone: 1, transactions: 0 });
    for (let i = 0; i < 20; i++) {
      expect((await store.read('Condition', `alone-${i}`))?.deleted).toBe(false);
      expect((await pool.query('SELECT 1 FROM index_token WHERE id = $1', [`alone-${i}`])).rowCount).toBeGreaterThan(0);
    }
  });

  it('a read by id, and of one version, is one statement', async () => {
    await store.commit([{ kind: 'create', resource: condition('alone-read'), compartment: 'p1' }], new Date());
    sent.queries = 0;
    expect((await store.read('Condition', 'alone-read'))?.deleted).toBe(false);
    expect((await store.vread('Condition', 'alone-read', '1'))?.deleted).toBe(false);
    expect(sent.queries).toBe(2);
  });

  it('an update, a Patient or the same id twice still go in a transaction', async () => {
    const update: Write = { kind: 'update', resource: condition('alone-0', 'v2'), compartment: 'p1' };
    expect((await counted([update])).transactions).toBe(1);
    const patient: Write = { kind: 'create', resource: { resourceType: 'Patient', id: 'alone-p' }, compartment: 'alone-p' };
    expect((await counted([patient])).transactions).toBe(1);
    const twice: Write = { kind: 'create', resource: condition('twice'), compartment: 'p1' };
    await expect(counted([twice, twice])).rejects.toThrow(/already exists/);
    expect(counts.transactions).toBe(1);
    expect(await store.read('Condition', 'twice')).toBeUndefined();
  });
});
