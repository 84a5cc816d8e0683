import type { SqlExecutor } from '../sql/executor.ts';

/** A count under one key (an account, an address, a device), with its first and last time in ms. */
export interface ThrottleCount {
  key: string;
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Sign-in and sign-up counts, in the database so that every instance sees the same ones. Each
 * change is ONE statement (an UPSERT), so two instances counting at the same moment both count.
 */
export interface ThrottleStore {
  throttleCounts(keys: readonly string[]): Promise<ThrottleCount[]>;
  /**
   * One more under `key`, returning the new count. The count starts again from 1 when its last
   * one (`restart: 'last'`) or its first one (`restart: 'first'`, a fixed window) is before `restartBefore`.
   */
  addToThrottle(key: string, at: number, restart: 'first' | 'last', restartBefore: number): Promise<ThrottleCount>;
  clearThrottle(keys: readonly string[]): Promise<void>;
  /** Forgets counts whose last one is before `before` (made-up emails must not fill the table for ever). */
  pruneThrottle(before: number): Promise<void>;
}

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

export function throttleMethods(db: SqlExecutor): ThrottleStore {
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
