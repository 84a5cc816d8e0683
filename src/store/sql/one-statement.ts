import type { SqlExecutor } from './executor.ts';

/**
 * A run's row changes, sent to PostgreSQL as ONE statement. Each statement there is a round trip,
 * and the `writev` of each was 30% of a create's CPU on the event loop (profile, 2026-12-01): so the
 * inserts and deletes are kept until `send`, then go together, each but the last in a WITH clause.
 * All of them see the same snapshot, so a DELETE of a resource's old index rows never sees the rows
 * the same statement inserts. On SQLite a statement costs no round trip: each runs at once, in order.
 */
export interface RowChanges {
  /** On SQLite, runs it now; on PostgreSQL, keeps it for `send`. */
  run(sql: string, params: readonly unknown[]): Promise<void>;
  /** Runs what was kept; a refusal (a unique key, say) comes out of here. */
  send(): Promise<void>;
}

/** PostgreSQL's limit is 65,535 parameters a statement; past this many the kept statements go one by one. */
const mostParameters = 60_000;

export function rowChanges(db: SqlExecutor): RowChanges {
  if (db.dialect !== 'postgres') return { run: (sql, params) => db.run(sql, params), send: async () => {} };
  let kept: Array<{ sql: string; params: readonly unknown[] }> = [];
  return {
    run: async (sql, params) => {
      kept.push({ sql, params });
    },
    send: async () => {
      const statements = kept;
      kept = [];
      const parameters = statements.reduce((n, s) => n + s.params.length, 0);
      if (statements.length < 2 || parameters > mostParameters) {
        for (const s of statements) await db.run(s.sql, s.params);
        return;
      }
      const last = statements.at(-1)!;
      const clauses = statements.slice(0, -1).map((s, i) => `change_${i} AS (${s.sql})`);
      await db.run(`WITH ${clauses.join(', ')} ${last.sql}`, statements.flatMap((s) => s.params));
    },
  };
}
