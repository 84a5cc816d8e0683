import type { SqlExecutor } from '../sql/executor.ts';

/**
 * Leases: a named job held by one instance until a time. Every instance sharing the database
 * runs the same timers; the one that takes the lease does the work, so a sweep or the demo load
 * runs once however many instances there are. A holder that dies simply lets its lease run out.
 */
export interface LeaseStore {
  /** True when `holder` now holds `name` until `until` (it was free, had run out, or was already its own). */
  takeLease(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Gives the lease up early (the work is done), so another instance need not wait it out. */
  releaseLease(name: string, holder: string, now: string): Promise<void>;
}

export function leaseMethods(db: SqlExecutor): LeaseStore {
  return {
    async takeLease(name, holder, now, until) {
      // One statement, so two instances racing for a lease cannot both win it.
      const rows = await db.all<{ holder: string }>(
        `INSERT INTO job_leases (name, holder, lease_until) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
         WHERE job_leases.lease_until <= ? OR job_leases.holder = excluded.holder
         RETURNING holder`,
        [name, holder, until, now],
      );
      return rows.length === 1;
    },
    async releaseLease(name, holder, now) {
      await db.run('UPDATE job_leases SET lease_until = ? WHERE name = ? AND holder = ?', [now, name, holder]);
    },
  };
}
