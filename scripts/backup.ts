/**
 * npm run backup [-- --to FILE] — an online backup of the embedded SQLite store (DATA_DIR), taken
 * while the service runs. Without --to it goes to DATA_DIR/backups/redbag-<time>.sqlite.
 * PostgreSQL deployments use the database's own tools (pg_dump, or continuous archiving).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { BackupError, backupSqlite } from '../src/store/sqlite-backup.ts';

try {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const config = loadConfig();
  if (config.databaseUrl) throw new BackupError('DATABASE_URL is set: back up PostgreSQL with pg_dump or continuous archiving (see README, "Backups").');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const destination = values.to ?? join(config.dataDir, 'backups', `redbag-${stamp}.sqlite`);
  let shown = -1;
  const { pages } = await backupSqlite(config.dataDir, destination, (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent >= shown + 10) {
      shown = percent;
      process.stdout.write(`Copied ${percent}% (${done} of ${total} pages)\n`);
    }
  });
  process.stdout.write(`Backed up ${pages} pages to ${destination}. Keep it somewhere other than this machine.\n`);
} catch (err) {
  const known = err instanceof BackupError || err instanceof ConfigError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  process.stderr.write(known ? `${(err as Error).message}\n` : `The backup failed: ${(err as Error).message}\n`);
  process.exit(1);
}
