import type { SqlExecutor } from '../sql/executor.ts';

/** 0002: where a long maintenance job (the reindex) has got to, so it resumes instead of starting over. */
export const name = '0002-maintenance-progress';

export async function up(db: SqlExecutor): Promise<void> {
  const strict = db.dialect === 'sqlite' ? ' STRICT' : '';
  await db.run(`CREATE TABLE IF NOT EXISTS maintenance_progress (job TEXT PRIMARY KEY, after_type TEXT, after_id TEXT, done INTEGER NOT NULL, started_at TEXT NOT NULL, updated_at TEXT NOT NULL, finished_at TEXT)${strict}`);
}
