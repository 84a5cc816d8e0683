import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-store-'));
  const file = join(dir, 'redbag.sqlite');
  return {
    open: () => openSqliteStore({ file }),
    reopen: async (store) => {
      await store.close();
      return openSqliteStore({ file });
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
