import type { SqlExecutor } from '../sql/executor.ts';
import type { ThrottleCount, ThrottleRepository } from '../port/jobs.ts';

interface Row { key: string; count: number | string; first_at: number | string; last_at: number | string }
const toCount = (r: Row): ThrottleCount => ({ key: r.key, count: Number(r.count), firstAt: Number(r.first_at), lastAt: Number(r.last_at) });

// The column that decides whether a count is stale comes from this fixed table, never from input.
const upsert = (column: 'first_at' | 'last_at'): string => `
  INSERT INTO signin_throttle (key, count, first_at, last_at) VALUES (?, 1, ?, ?)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN signin_throttle.${column} < ? THEN 1 ELSE signin_throttle.count + 1 END,
    first_at = CASE WHEN signin_throttle.${column} < ? THEN excluded.first_at ELSE signin_throttle.first_at END,
    last_at = excluded.last_at
  RETURNING key, count, first_at, last_at`;
const upsertByFirst = upsert('first_at');
const upsertByLast = upsert('last_at');

export function throttleMethods(db: SqlExecutor): ThrottleRepository {
  const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
  return {
    async throttleCounts(keys) {
      if (keys.length === 0) return [];
      return (await db.all<Row>(`SELECT key, count, first_at, last_at FROM signin_throttle WHERE key IN (${placeholders(keys.length)})`, keys)).map(toCount);
    },
    async addToThrottle(key, at, restart, restartBefore) {
      const [row] = await db.all<Row>(restart === 'first' ? upsertByFirst : upsertByLast, [key, at, at, restartBefore, restartBefore]);
      return toCount(row!);
    },
    async clearThrottle(keys) {
      if (keys.length > 0) await db.run(`DELETE FROM signin_throttle WHERE key IN (${placeholders(keys.length)})`, keys);
    },
    async pruneThrottle(before) {
      await db.run('DELETE FROM signin_throttle WHERE last_at < ?', [before]);
    },
  };
}
