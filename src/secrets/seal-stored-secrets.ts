import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { AccountStore } from '../store/port.ts';
import { isSealed, type Keyring } from './keyring.ts';

/** What each stored secret is for: the purpose sealed into its header, so a value cannot be moved to another row. */
export const purposes = {
  serviceSecret: (name: string) => `service-secret:${name}`,
  issuerKey: (kid: string) => `issuer-key:${kid}`,
  tokenKey: (purpose: string, kid: string) => `token-key:${purpose}:${kid}`,
};

/** Token secrets that older versions kept in service_secrets, and the token purpose each becomes. */
const legacyTokenSecrets: Record<string, string> = { 'token-signing-key': 'person', 'backend-token-key': 'backend' };
/** The kid a token secret taken over from an older version gets; tokens without a kid are checked with it. */
export const legacyKid = 'initial';

/** A named service secret (32 random bytes), sealed in the database, opened here. */
export async function serviceSecret(accounts: AccountStore, keyring: Keyring, name: string): Promise<string> {
  const purpose = purposes.serviceSecret(name);
  // When several instances make it at once, all end up with the first one's (sealed) value.
  const sealed = await accounts.getOrCreateSecret(name, () => '');
  if (sealed !== '') return keyring.unseal(purpose, sealed);
  await accounts.replaceServiceSecret(name, '', await keyring.seal(purpose, randomBytes(32).toString('base64url')));
  return keyring.unseal(purpose, await accounts.getOrCreateSecret(name));
}

/**
 * Run at every start, before anything reads a secret. Databases from before SECRET_KEY hold their
 * secrets in plain text: each is sealed in place, once (the token secrets move to token_keys).
 * Values sealed with SECRET_KEY_PREVIOUS are sealed again with the current key. Anything sealed
 * with a key we do not have stops the start with a message saying so.
 */
export async function sealStoredSecrets(accounts: AccountStore, keyring: Keyring, logger: Logger, now: Date): Promise<void> {
  let sealed = 0;
  const reseal = async (purpose: string, value: string, write: (next: string) => Promise<void>): Promise<void> => {
    if (value === '') return; // a secret another instance is making right now
    if (isSealed(value) && !keyring.sealedWithPrevious(value)) {
      await keyring.unseal(purpose, value); // fails at start, not at the first sign-in, if the key is wrong
      return;
    }
    const plaintext = isSealed(value) ? await keyring.unseal(purpose, value) : value;
    await write(await keyring.seal(purpose, plaintext));
    sealed += 1;
  };

  for (const { name, value } of await accounts.listServiceSecrets()) {
    const tokenPurpose = legacyTokenSecrets[name];
    if (tokenPurpose !== undefined && !isSealed(value)) {
      const secret = await keyring.seal(purposes.tokenKey(tokenPurpose, legacyKid), value);
      // Moved, not copied: the sealed key and the plain secret's removal together.
      await accounts.transaction(async (tx) => {
        await tx.keys.addTokenKey({ purpose: tokenPurpose, kid: legacyKid, secret, createdAt: now.toISOString() });
        await tx.keys.deleteServiceSecret(name, value);
      });
      sealed += 1;
      continue;
    }
    await reseal(purposes.serviceSecret(name), value, (next) => accounts.replaceServiceSecret(name, value, next));
  }
  for (const key of await accounts.listIssuerKeys()) {
    await reseal(purposes.issuerKey(key.kid), key.privateJwk, (next) => accounts.replaceIssuerKeyJwk(key.kid, key.privateJwk, next));
  }
  for (const purpose of ['person', 'backend']) {
    for (const key of await accounts.listTokenKeys(purpose)) {
      await reseal(purposes.tokenKey(purpose, key.kid), key.secret, (next) => accounts.replaceTokenKeySecret(purpose, key.kid, key.secret, next));
    }
  }
  if (sealed > 0) logger.info({ sealed, keyId: keyring.currentId }, 'stored secrets sealed with SECRET_KEY (one-time, in place)');
}
