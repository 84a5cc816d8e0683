import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { createTestSchema, postgresReachable } from '../support/postgres.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('PostgreSQL', async () => {
  if (!(await postgresReachable())) return undefined;
  const schema = await createTestSchema('store');
  let pool = new pg.Pool({ connectionString: schema.url });
  return {
    open: () => openPostgresStore({ pool }),
    reopen: async (store) => {
      await store.close();
      await pool.end();
      pool = new pg.Pool({ connectionString: schema.url });
      return openPostgresStore({ pool });
    },
    cleanup: async () => {
      await pool.end();
      await schema.drop();
    },
  };
});
