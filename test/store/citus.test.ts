import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { citusReachable, createCitusSchema, describeCitus } from '../support/citus.ts';
import { describeStoreContract } from './store-contract.ts';

const citusUp = await citusReachable();

describeCitus(citusUp, 'on the Citus cluster', () => {
  describeStoreContract('Citus', async () => {
    const database = await createCitusSchema('store');
    let pool = new pg.Pool({ connectionString: database.url });
    return {
      open: () => openPostgresStore({ pool }),
      reopen: async (store) => {
        await store.close();
        await pool.end();
        pool = new pg.Pool({ connectionString: database.url });
        return openPostgresStore({ pool });
      },
      cleanup: async () => {
        await pool.end();
        await database.drop();
      },
    };
  });
});
