import type { StoredResource } from '../store.ts';
import type { SqlExecutor } from './executor.ts';
import { rewriteIndex } from './writes.ts';

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
 * values and sensitivity) of the current resources among the next `limit` ids after where the job
 * got to are recomputed from their content, and the place is saved with them, so a stopped reindex resumes
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
  // Walks resource_locations in id order (every id once, whichever shard), then takes each
  // resource's row by its compartment and locks it (Citus cannot lock rows across shards at once).
  const after = progress.after_type === null ? '' : ' WHERE (resource_type, id) > (?, ?)';
  const located = await db.all<{ compartment: string; resource_type: string; id: string }>(
    `SELECT compartment, resource_type, id FROM resource_locations${after} ORDER BY resource_type, id LIMIT ?`,
    progress.after_type === null ? [limit] : [progress.after_type, progress.after_id, limit],
  );
  let reindexed = 0;
  for (const place of located) {
    const [row] = await db.all<Row>(
      `SELECT compartment, resource_type, id, content FROM resources WHERE compartment = ? AND resource_type = ? AND id = ? AND deleted = 0${forUpdate}`,
      [place.compartment, place.resource_type, place.id],
    );
    if (!row) continue;
    await rewriteIndex(db, row.compartment, JSON.parse(row.content) as StoredResource['resource']);
    reindexed++;
  }
  const done = Number(progress.done) + reindexed;
  const finished = located.length < limit;
  const last = located.at(-1);
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
