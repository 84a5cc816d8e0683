/**
 * npm run keys:rotate — makes a new card-signing key in the configured store (DATA_DIR or
 * DATABASE_URL). New cards are signed with it; the old keys stay in /.well-known/jwks.json so
 * cards already printed still verify. Running instances pick it up within 30 seconds.
 *
 * npm run keys:rotate -- --tokens — makes new bearer-token secrets (people's and hospital
 * systems'); tokens signed with the old ones are still accepted for their lifetime, so nobody is
 * signed out. Both need the service's SECRET_KEY (or its key file), which seals the new keys.
 */
import { createTokenKeys } from '../src/auth/token-keys.ts';
import { createIssuerKeys } from '../src/cards/issuer-keys.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { loadKeyring } from '../src/secrets/load-keyring.ts';
import { sealStoredSecrets } from '../src/secrets/seal-stored-secrets.ts';
import { backendTokenSeconds } from '../src/smart/backend-tokens.ts';
import { openStores } from '../src/store/open-stores.ts';

const config = loadConfig();
const logger = createLogger('error');
const keyring = loadKeyring(config, logger);
const stores = await openStores(config);
try {
  const now = new Date();
  await sealStoredSecrets(stores.accounts, keyring, logger, now);
  if (process.argv.includes('--tokens')) {
    const clock = () => now;
    const person = await createTokenKeys({ accounts: stores.accounts, keyring, purpose: 'person', clock, tokenTtlSeconds: config.tokenTtlSeconds }).rotate(now);
    const backend = await createTokenKeys({ accounts: stores.accounts, keyring, purpose: 'backend', clock, tokenTtlSeconds: backendTokenSeconds }).rotate(now);
    process.stdout.write(`New token secrets ${person} (people) and ${backend} (hospital systems) (${stores.description}). Tokens signed before stay valid until they expire.\n`);
  } else {
    const kid = await createIssuerKeys(stores.accounts, keyring).rotate(now);
    process.stdout.write(`New signing key ${kid} (${stores.description}). Older keys stay published for cards already printed.\n`);
  }
} finally {
  await stores.close();
}
