/**
 * The little both adapters must give the shared SQL: run a statement, get rows. Statements use `?`
 * placeholders; the PostgreSQL adapter numbers them. Everything else (schema, search, writes) is
 * written once in this folder and so behaves the same on both stores.
 */
export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
}

/** A statement whose text and values are known before it runs. */
export interface PlannedStatement {
  sql: string;
  params: readonly unknown[];
}

/** Row of the resources and history tables. */
export interface ResourceRow {
  compartment: string;
  resource_type: string;
  id: string;
  version_id: number | string;
  last_updated: string;
  deleted: number | string | boolean;
  content: string | null;
}

/** A statement that only reads: the reader connection may run it, and on SQLite its parameters are kept out of planning. */
export const isSelect = (sql: string): boolean => /^\s*SELECT\b/i.test(sql);

export const resourceColumns = 'compartment, resource_type, id, version_id, last_updated, deleted, content';
