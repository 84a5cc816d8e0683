/**
 * npm run reindex [-- --batch 500] — recomputes every resource's search-index values and
 * sensitivity from its content, after the search parameters or the code lists change. Safe while
 * the service runs (a batch at a time, each its own transaction); stopped half way, the next run
 * resumes where it was. `--batches N` stops after N batches (to spread the work out).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { loadFhirDefinitions } from '../src/fhir/definitions.ts';
import { openStores } from '../src/store/open-stores.ts';

try {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '500' }, batches: { type: 'string' } } });
  const batch = Number(values.batch);
  const most = values.batches === undefined ? Infinity : Number(values.batches);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new ConfigError('--batch must be a whole number from 1 to 10000');
  if (most !== Infinity && (!Number.isInteger(most) || most < 1)) throw new ConfigError('--batches must be a whole number, 1 or more');
  loadFhirDefinitions();
  const stores = await openStores(loadConfig());
  try {
    for (let n = 0; n < most; n++) {
      const { done, finished } = await stores.store.reindex('reindex', batch, new Date());
      process.stdout.write(`Reindexed ${done} resources${finished ? ': finished.' : ' so far'}\n`);
      if (finished) break;
    }
  } finally {
    await stores.close();
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `The reindex failed: ${(err as Error).message}\n`);
  process.exit(1);
}
