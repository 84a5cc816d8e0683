import type { SqlExecutor } from '../sql/executor.ts';
import type { JobRepository } from '../port/jobs.ts';

export function leaseMethods(db: SqlExecutor): Pick<JobRepository, 'takeLease' | 'releaseLease'> {
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
