/**
 * The tables, the same on both stores. Every key starts with `compartment` (the Patient id, '' for
 * the directory): the column a distributed PostgreSQL shards on. Index tables hold the search
 * values of the current version only and are rewritten with each version, in the same transaction.
 */
export function schemaStatements(dialect: 'sqlite' | 'postgres'): string[] {
  const strict = dialect === 'sqlite' ? ' STRICT' : '';
  const int = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const ownerColumns = 'compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL';
  const indexTable = (name: string, columns: string, searchIndex: string): string[] => [
    `CREATE TABLE IF NOT EXISTS ${name} (${ownerColumns}, param TEXT NOT NULL, ${columns})${strict}`,
    `CREATE INDEX IF NOT EXISTS ${name}_owner ON ${name} (compartment, resource_type, id)`,
    `CREATE INDEX IF NOT EXISTS ${name}_search ON ${name} (compartment, resource_type, param, ${searchIndex})`,
  ];
  return [
    `CREATE TABLE IF NOT EXISTS resources (${ownerColumns}, version_id ${int} NOT NULL, last_updated TEXT NOT NULL,
       deleted ${int} NOT NULL, content TEXT, PRIMARY KEY (compartment, resource_type, id))${strict}`,
    // Reads by id alone: FHIR addresses a resource as Type/id, without saying whose record it is in.
    'CREATE UNIQUE INDEX IF NOT EXISTS resources_by_id ON resources (resource_type, id)',
    'CREATE INDEX IF NOT EXISTS resources_by_updated ON resources (compartment, resource_type, last_updated)',
    `CREATE TABLE IF NOT EXISTS resource_history (${ownerColumns}, version_id ${int} NOT NULL, last_updated TEXT NOT NULL,
       deleted ${int} NOT NULL, content TEXT, PRIMARY KEY (compartment, resource_type, id, version_id))${strict}`,
    'CREATE INDEX IF NOT EXISTS resource_history_by_id ON resource_history (resource_type, id, version_id)',
    'CREATE INDEX IF NOT EXISTS resource_history_by_time ON resource_history (compartment, last_updated)',
    ...indexTable('index_token', 'system TEXT NOT NULL, code TEXT NOT NULL', 'code, system'),
    ...indexTable('index_string', 'value TEXT NOT NULL, exact TEXT NOT NULL', 'value'),
    ...indexTable('index_date', 'start_at TEXT NOT NULL, end_at TEXT NOT NULL', 'start_at, end_at'),
    ...indexTable('index_reference', 'target_type TEXT NOT NULL, target_id TEXT NOT NULL', 'target_id, target_type'),
    // What points at this, across every record: the shares that name an organisation or a professional.
    'CREATE INDEX IF NOT EXISTS index_reference_by_target ON index_reference (target_id, target_type, resource_type, param)',
  ];
}
