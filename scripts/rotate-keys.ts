/**
 * npm run keys:rotate — makes a new card-signing key in the configured store (DATA_DIR or
 * DATABASE_URL). New cards are signed with it; the old keys stay in /.well-known/jwks.json so
 * cards already printed still verify. Running instances pick it up within 30 seconds.
 */
import { createIssuerKeys } from '../src/cards/issuer-keys.ts';
import { loadConfig } from '../src/config.ts';
import { openStores } from '../src/store/open-stores.ts';

const stores = await openStores(loadConfig());
try {
  const kid = await createIssuerKeys(stores.accounts).rotate(new Date());
  process.stdout.write(`New signing key ${kid} (${stores.description}). Older keys stay published for cards already printed.\n`);
} finally {
  await stores.close();
}
