import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { loadDemoData } from './demo/load-demo.ts';
import { createAdminService } from './admin/admin-service.ts';
import { emergencyGrantSource } from './emergency/emergency-service.ts';
import { loadFhirDefinitions } from './fhir/definitions.ts';
import type { Logger } from './log.ts';
import { createValidator } from './profiles/validator.ts';
import { createRecord, type HealthRecord } from './record/record.ts';
import { openStores, type Stores } from './store/open-stores.ts';

export interface Service {
  app: Express;
  record: HealthRecord;
  stores: Stores;
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const profileDir = new URL('../fhir-profiles', import.meta.url).pathname;

/** Everything built once, in one place, with its dependencies passed in: used by main.ts and by the tests. */
export async function openService(config: Config, logger: Logger, clock: () => Date = () => new Date()): Promise<Service> {
  loadFhirDefinitions();
  const validator = createValidator({ profileDir });
  const stores = await openStores(config);
  const record = createRecord({ store: stores.store, validator, clock, newId: randomUUID, emergencyGrants: emergencyGrantSource(stores.accounts, clock) });
  logger.info({ store: stores.description }, 'store opened');
  await createAdminService({ record, accounts: stores.accounts, clock, logger }).ensureFirstAdmin(config.adminEmail, config.adminPassword);
  if (config.demoData) await loadDemoData({ record, accounts: stores.accounts, clock, logger });
  let ready = false;
  const app = createApp({ config, record, accounts: stores.accounts, logger, clock, version, isReady: () => ready });
  return {
    app,
    record,
    stores,
    setReady: (value) => {
      ready = value;
    },
    close: () => stores.close(),
  };
}
