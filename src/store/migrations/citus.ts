import type { SqlExecutor } from '../sql/executor.ts';

/**
 * Citus: when the database has the citus extension, the tables are distributed after every
 * migration run (idempotent: a table already distributed is left alone; a table a later migration
 * adds is distributed the next time).
 * - A person's record (resources, history, index rows) is sharded by compartment, colocated, so one
 *   record's reads, searches and writes go to one shard and its joins stay on that node.
 * - resource_locations is sharded by id and nhs_numbers by number: each lookup goes to one shard.
 * - Everything else (accounts, sessions, links, grants, notifications, outbox, keys, leases) is a
 *   reference table, copied to every node: any query shape works on it (the outbox claim's UPDATE
 *   with a subquery, FOR UPDATE, ON CONFLICT on any unique key), at the price of every write going
 *   to every node (README, "Scale out").
 * - schema_migrations stays on the coordinator (only the migrator reads it).
 */
const byCompartment = ['resources', 'resource_history', 'index_token', 'index_string', 'index_date', 'index_reference'];
const byOwnKey: ReadonlyArray<[table: string, column: string]> = [
  ['resource_locations', 'id'],
  ['nhs_numbers', 'code'],
];
const coordinatorOnly = new Set(['schema_migrations']);

export async function hasCitus(db: SqlExecutor): Promise<boolean> {
  if (db.dialect !== 'postgres') return false;
  return (await db.all("SELECT 1 AS present FROM pg_extension WHERE extname = 'citus'")).length > 0;
}

/** Distributes what is not yet distributed; returns the tables it distributed. Runs outside any transaction. */
export async function distributeOnCitus(db: SqlExecutor): Promise<string[]> {
  if (!(await hasCitus(db))) return [];
  const tables = await db.all<{ name: string; distributed: boolean }>(
    `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid) AS distributed
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  const pending = new Set(tables.filter((t) => !t.distributed && !coordinatorOnly.has(t.name)).map((t) => t.name));
  const done: string[] = [];
  const distribute = async (sql: string, table: string, params: unknown[]): Promise<void> => {
    await db.all(sql, params);
    // The rows were copied into the shards; the coordinator's own copy is not needed.
    await db.all('SELECT truncate_local_data_after_distributing_table(?)', [table]);
    pending.delete(table);
    done.push(table);
  };
  const [first, ...colocated] = byCompartment;
  if (pending.has(first!)) await distribute("SELECT create_distributed_table(?, 'compartment', colocate_with => 'none')", first!, [first]);
  for (const table of colocated) {
    if (pending.has(table)) await distribute("SELECT create_distributed_table(?, 'compartment', colocate_with => ?)", table, [table, first]);
  }
  for (const [table, column] of byOwnKey) {
    if (pending.has(table)) await distribute("SELECT create_distributed_table(?, ?, colocate_with => 'none')", table, [table, column]);
  }
  for (const table of [...pending].sort()) await distribute('SELECT create_reference_table(?)', table, [table]);
  return done;
}
