import type { StoredResource } from '../store.ts';
import type { SqlExecutor } from './executor.ts';
import { clearIndex, writeIndex } from './writes.ts';

interface Progress {
  after_type: string | null;
  after_id: string | null;
  done: number | string;
  finished_at: string | null;
}

interface Row {
  compartment: string;
  resource_type: string;
  id: string;
  content: string;
}

/**
 * One batch of a reindex, inside a transaction the adapter has opened: the index rows (search
 * values and sensitivity) of the next `limit` current resources after where the job got to are
 * recomputed from their content, and the place is saved with them, so a stopped reindex resumes
 * where it was. Rows are locked on PostgreSQL, so a write to the same resource waits or goes
 * first; either way the index ends up matching the content. A finished job starts over.
 */
export async function reindexBatch(db: SqlExecutor, job: string, limit: number, now: Date): Promise<{ done: number; finished: boolean }> {
  const at = now.toISOString();
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  let [progress] = await db.all<Progress>(`SELECT after_type, after_id, done, finished_at FROM maintenance_progress WHERE job = ?${forUpdate}`, [job]);
  if (progress?.finished_at) {
    await db.run('DELETE FROM maintenance_progress WHERE job = ?', [job]);
    progress = undefined;
  }
  if (!progress) {
    await db.run('INSERT INTO maintenance_progress (job, after_type, after_id, done, started_at, updated_at) VALUES (?, NULL, NULL, 0, ?, ?)', [job, at, at]);
    progress = { after_type: null, after_id: null, done: 0, finished_at: null };
  }
  const after = progress.after_type === null ? '' : ' AND (resource_type, id) > (?, ?)';
  const rows = await db.all<Row>(
    `SELECT compartment, resource_type, id, content FROM resources WHERE deleted = 0${after} ORDER BY resource_type, id LIMIT ?${forUpdate}`,
    progress.after_type === null ? [limit] : [progress.after_type, progress.after_id, limit],
  );
  for (const row of rows) {
    await clearIndex(db, row.compartment, row.resource_type, row.id);
    await writeIndex(db, row.compartment, JSON.parse(row.content) as StoredResource['resource']);
  }
  const done = Number(progress.done) + rows.length;
  const finished = rows.length < limit;
  const last = rows.at(-1);
  await db.run('UPDATE maintenance_progress SET after_type = ?, after_id = ?, done = ?, updated_at = ?, finished_at = ? WHERE job = ?', [
    last?.resource_type ?? progress.after_type,
    last?.id ?? progress.after_id,
    done,
    at,
    finished ? at : null,
    job,
  ]);
  return { done, finished };
}
