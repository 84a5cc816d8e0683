import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, backup } from 'node:sqlite';

/** The embedded store's file inside DATA_DIR. */
export const sqliteFileName = 'redbag.sqlite';

export class BackupError extends Error {}

/**
 * An online backup of the embedded store: SQLite's backup API copies a consistent snapshot page by
 * page while the service goes on reading and writing (WAL), so nothing needs to stop. The copy is
 * written beside its destination and renamed into place only once complete and checked.
 */
export async function backupSqlite(dataDir: string, destination: string, onProgress?: (done: number, total: number) => void): Promise<{ pages: number }> {
  const source = join(dataDir, sqliteFileName);
  if (!existsSync(source)) throw new BackupError(`There is no Red Bag store at ${source}: check DATA_DIR.`);
  if (existsSync(destination)) throw new BackupError(`${destination} already exists: choose a new name, so no earlier backup is overwritten.`);
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const db = new DatabaseSync(source, { readOnly: true });
  try {
    const pages = await backup(db, partial, {
      rate: 256,
      progress: ({ totalPages, remainingPages }) => onProgress?.(totalPages - remainingPages, totalPages),
    });
    checkIsRedBagStore(partial);
    renameSync(partial, destination);
    return { pages };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place as DATA_DIR's store (the service must be stopped). An existing store is
 * never overwritten silently: without `replace` it is refused, with it the old file is kept beside
 * the new one as `redbag.sqlite.before-restore-<time>`.
 */
export function restoreSqlite(backupFile: string, dataDir: string, options: { replace: boolean; now: Date }): { keptAside?: string } {
  if (!existsSync(backupFile)) throw new BackupError(`There is no backup at ${backupFile}.`);
  checkIsRedBagStore(backupFile);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, sqliteFileName);
  let keptAside: string | undefined;
  if (existsSync(target)) {
    if (!options.replace) throw new BackupError(`${target} already holds a store. Stop the service and add --replace to put the backup in its place (the current file is kept aside).`);
    keptAside = `${target}.before-restore-${options.now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAside);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, keptAside + suffix);
    }
  }
  const incoming = `${target}.restoring`;
  copyFileSync(backupFile, incoming);
  renameSync(incoming, target);
  return keptAside ? { keptAside } : {};
}

/** A backup is worth restoring only if SQLite finds it whole and it holds the record's tables. */
function checkIsRedBagStore(file: string): void {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  } catch {
    db.close();
    throw new BackupError(`${file} is not a Red Bag store (SQLite cannot read it).`);
  }
  try {
    const integrity = db.prepare('PRAGMA integrity_check').get() as { integrity_check?: string } | undefined;
    if (integrity?.integrity_check !== 'ok') throw new BackupError(`${file} is damaged (SQLite's integrity check failed).`);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('resources', 'accounts')").all();
    if (tables.length < 2) throw new BackupError(`${file} is not a Red Bag store.`);
  } finally {
    db.close();
  }
}
