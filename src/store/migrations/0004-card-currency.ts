import type { SqlExecutor } from '../sql/executor.ts';

/**
 * 0004: the cards the service made, each with what it showed (so a newer card can supersede it and
 * a changed record can be told from it), and the one-time `location` files of health-link manifests.
 */
export const name = '0004-card-currency';

export async function up(db: SqlExecutor): Promise<void> {
  const strict = db.dialect === 'sqlite' ? ' STRICT' : '';
  const integer = db.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  await db.run(`CREATE TABLE IF NOT EXISTS card_issues (patient_id TEXT NOT NULL, kid TEXT NOT NULL, rid TEXT NOT NULL, nbf ${integer} NOT NULL,
    issued_at TEXT NOT NULL, content_digest TEXT NOT NULL, items TEXT NOT NULL, medium TEXT NOT NULL)${strict}`);
  await db.run('CREATE INDEX IF NOT EXISTS card_issues_by_patient ON card_issues (patient_id, issued_at)');
  await db.run('CREATE INDEX IF NOT EXISTS card_issues_by_rid ON card_issues (rid, nbf)');
  await db.run(`CREATE TABLE IF NOT EXISTS health_link_files (id TEXT PRIMARY KEY, link_id TEXT NOT NULL, jwe TEXT NOT NULL,
    expires_at TEXT NOT NULL, used_at TEXT)${strict}`);
  await db.run('CREATE INDEX IF NOT EXISTS health_link_files_by_expiry ON health_link_files (expires_at)');
}
