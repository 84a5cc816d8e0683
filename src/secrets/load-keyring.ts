import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createKeyring, type Keyring } from './keyring.ts';

export const keyFileName = 'secret.key';

/**
 * The keyring from SECRET_KEY / SECRET_KEY_FILE. Without either (never in production: the
 * configuration refuses that), a key file of its own is made under DATA_DIR, mode 0600, so the
 * two-command start still works and a copy of the database file alone still opens nothing. Every
 * instance on one database must share the key, which a generated file cannot do: hence the warning.
 */
export function loadKeyring(config: Config, logger: Logger): Keyring {
  const configured = config.secretKeys();
  if (configured) return createKeyring(configured);
  const file = join(config.dataDir, keyFileName);
  const made = ensureKeyFile(file);
  logger.warn(
    { file, made, ...(config.databaseUrl ? { store: 'postgres' } : {}) },
    config.databaseUrl
      ? 'no SECRET_KEY: using a key file in DATA_DIR; every instance on this database needs the same key, so set SECRET_KEY for more than one'
      : 'no SECRET_KEY: using a key file in DATA_DIR (development only; set SECRET_KEY in production)',
  );
  return createKeyring([readFileSync(file, 'utf8').trim()]);
}

/**
 * Makes the key file once: written whole to a temporary name, then linked into place, which fails
 * if another process got there first (two instances starting on one folder agree on the first).
 * Returns whether this call made it.
 */
function ensureKeyFile(file: string): boolean {
  try {
    statSync(file);
    return false;
  } catch {
    // not there yet
  }
  mkdirSync(join(file, '..'), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    rmSync(temporary, { force: true });
  }
}
