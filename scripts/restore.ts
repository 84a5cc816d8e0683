/**
 * npm run restore -- --from FILE [--replace] — puts a backup made by `npm run backup` in place as
 * DATA_DIR's store. Stop the service first. An existing store is refused unless --replace, and is
 * then kept aside (redbag.sqlite.before-restore-<time>), never deleted.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { BackupError, restoreSqlite } from '../src/store/sqlite-backup.ts';

try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, replace: { type: 'boolean', default: false } } });
  if (!values.from) throw new BackupError('Say which backup to restore: npm run restore -- --from FILE');
  const config = loadConfig();
  if (config.databaseUrl) throw new BackupError('DATABASE_URL is set: restore PostgreSQL with pg_restore (see README, "Backups").');
  const { keptAside } = restoreSqlite(values.from, config.dataDir, { replace: values.replace, now: new Date() });
  process.stdout.write(`Restored ${values.from} into ${config.dataDir}.${keptAside ? ` The store that was there is kept at ${keptAside}.` : ''} Start the service again.\n`);
} catch (err) {
  const known = err instanceof BackupError || err instanceof ConfigError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  process.stderr.write(known ? `${(err as Error).message}\n` : `The restore failed: ${(err as Error).message}\n`);
  process.exit(1);
}
