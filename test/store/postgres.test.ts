import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { createTestSchema, describePostgres, postgresReachable } from '../support/postgres.ts';
import { describeStoreContract } from './store-contract.ts';

const pgUp = await postgresReachable();

describePostgres(pgUp, 'on the PostgreSQL server', () => {
  describeStoreContract('PostgreSQL', async () => {
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
});
