import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { postgresUrl } from '../support/postgres.ts';

/** The FHIR tables hold the record, not secrets; everything else (accounts, sessions, keys, links…) is read. */
const recordTables = /^(resources|resource_history|index_\w+)$/;

/** Every text cell of the non-FHIR tables, as someone holding a copy of the database would see them. */
export type Cells = Array<{ table: string; column: string; value: string }>;

/** Copies the SQLite file as a thief would (VACUUM INTO: a consistent copy while it runs) and reads the copy. */
export function copySqlite(file: string): Cells {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-stolen-'));
  const copy = join(dir, 'copy.sqlite');
  try {
    const live = new DatabaseSync(file, { readOnly: true });
    live.exec(`VACUUM INTO '${copy}'`);
    live.close();
    const db = new DatabaseSync(copy, { readOnly: true });
    const cells: Cells = [];
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    for (const { name } of tables.filter((t) => !recordTables.test(t.name))) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) collect(cells, name, row);
    }
    db.close();
    return cells;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads every non-FHIR table of a PostgreSQL schema, as a dump of it would show them. */
export async function readPostgres(schema: string): Promise<Cells> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const cells: Cells = [];
    for (const { table_name: name } of tables.rows.filter((t) => !recordTables.test(t.table_name))) {
      for (const row of (await client.query(`SELECT * FROM "${schema}"."${name}"`)).rows as Array<Record<string, unknown>>) collect(cells, name, row);
    }
    return cells;
  } finally {
    await client.end();
  }
}

function collect(cells: Cells, table: string, row: Record<string, unknown>): void {
  for (const [column, value] of Object.entries(row)) if (typeof value === 'string' && value.length > 0) cells.push({ table, column, value });
}

/** Runs SQL on the stored database directly (to put it back as an older version left it). */
export async function runSql(target: { sqliteFile?: string; schema?: string }, statements: Array<[string, unknown[]]>): Promise<void> {
  if (target.sqliteFile) {
    const db = new DatabaseSync(target.sqliteFile);
    for (const [sql, params] of statements) db.prepare(sql).run(...(params as never[]));
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${target.schema}` });
  await client.connect();
  try {
    for (const [sql, params] of statements) {
      let n = 0;
      await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    }
  } finally {
    await client.end();
  }
}
