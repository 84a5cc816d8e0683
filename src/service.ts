import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { loadDemoData } from './demo/load-demo.ts';
import { closeDemoAccounts } from './demo/close-demo-accounts.ts';
import { createAdminService } from './admin/admin-service.ts';
import { loadFhirDefinitions } from './fhir/definitions.ts';
import type { Logger } from './log.ts';
import { createValidator } from './profiles/validator.ts';
import { createRecord, type HealthRecord } from './record/record.ts';
import { openStores, type Stores } from './store/open-stores.ts';
import { createNotifier, type Notifier } from './notifications/notifier.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from './notifications/outbox-dispatcher.ts';
import { fileMailSender, smtpMailSender } from './notifications/mail-sender.ts';
import type { RecordEvents } from './record/deps.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import type { Keyring } from './secrets/keyring.ts';
import { loadKeyring } from './secrets/load-keyring.ts';
import { sealStoredSecrets } from './secrets/seal-stored-secrets.ts';

export interface Service {
  app: Express;
  record: HealthRecord;
  stores: Stores;
  notifier: Notifier;
  outbox: OutboxDispatcher;
  /** Prometheus metrics; main.ts serves them on their own listener (createMetricsApp). */
  metrics: Metrics;
  /** SECRET_KEY and what is made from it: opens the secrets sealed in the store. */
  keyring: Keyring;
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const profileDir = new URL('../fhir-profiles', import.meta.url).pathname;

/** Everything built once, in one place, with its dependencies passed in: used by main.ts and by the tests. */
export async function openService(config: Config, logger: Logger, clock: () => Date = () => new Date()): Promise<Service> {
  loadFhirDefinitions();
  const validator = createValidator({ profileDir });
  const keyring = loadKeyring(config, logger);
  const stores = await openStores(config, logger);
  await sealStoredSecrets(stores.accounts, keyring, logger, clock());
  // The record tells the notifier what happened; the notifier reads the record to say it: bound after both exist.
  let notifier: Notifier | undefined;
  const events: RecordEvents = {
    consentChanged: async (change) => notifier?.consentChanged(change),
    grantUsed: async (patientId, grant, actor) => notifier?.grantUsed(patientId, grant, actor),
    addedByProfessional: async (patientId, resource, actor) => notifier?.addedByProfessional(patientId, resource, actor),
  };
  const record = createRecord({ store: stores.store, validator, clock, newId: randomUUID, carerCompartments: (accountId) => stores.accounts.carerCompartments(accountId), events, searchLimits: config.limits.search, sharesPerDay: config.limits.sharesPerDay, logger });
  logger.info({ store: stores.description }, 'store opened');
  const sender = config.mail.transport === 'smtp' ? smtpMailSender({ url: config.mail.smtpUrl!, from: config.mail.from }) : fileMailSender({ dir: config.mail.dir, from: config.mail.from });
  const metrics = createMetrics({ poolStats: stores.poolStats, outboxDepth: () => stores.accounts.countWaitingMessages() });
  const onRound = (round: { sent: number; failed: number } | 'failed'): void => {
    metrics.jobRan('outbox', round === 'failed' ? 'failed' : 'ok');
    if (round !== 'failed') metrics.emailsHandled(round.sent, round.failed);
  };
  const outbox = createOutboxDispatcher({ outbox: stores.accounts, sender, clock, logger, intervalMs: config.mail.outboxIntervalMs, claimSeconds: config.mail.outboxClaimSeconds, onRound });
  notifier = createNotifier({ record, accounts: stores.accounts, clock, logger, serviceName: config.serviceName, publicUrl: config.publicUrl, onQueued: () => outbox.kick() });
  await createAdminService({ record, accounts: stores.accounts, clock, logger }).ensureFirstAdmin(config.adminEmail, config.adminPassword);
  // Each instance sharing a database is told apart in the leases that let one of them run each job.
  const instanceId = randomUUID();
  if (config.demoData) await loadDemoData({ record, accounts: stores.accounts, clock, logger, instanceId });
  else if (!config.demoAllowed) await closeDemoAccounts({ accounts: stores.accounts, clock, logger });
  let ready = false;
  const app = createApp({ config, record, accounts: stores.accounts, keyring, notifier, logger, clock, version, isReady: () => ready, metrics, onMailQueued: () => outbox.kick() });
  outbox.start();
  let sweeping: Promise<unknown> | undefined;
  // One instance sweeps per interval: the lease runs a little short of it, so the next round is anyone's.
  const sweepIfOurTurn = async (): Promise<boolean> => {
    const now = clock();
    const until = new Date(now.getTime() + config.mail.sweepIntervalMs * 0.9).toISOString();
    if (!(await stores.accounts.takeLease('notice-sweep', instanceId, now.toISOString(), until))) return false;
    await notifier.sweep();
    return true;
  };
  const sweep = (): void => {
    sweeping ??= sweepIfOurTurn()
      .then((ran) => metrics.jobRan('notice-sweep', ran ? 'ok' : 'skipped'))
      .catch((err: unknown) => {
        metrics.jobRan('notice-sweep', 'failed');
        logger.warn({ error: (err as Error).message }, 'notice sweep failed');
      })
      .finally(() => (sweeping = undefined));
  };
  const sweeper = setInterval(sweep, config.mail.sweepIntervalMs);
  sweeper.unref();
  sweep();
  return {
    app,
    record,
    stores,
    notifier,
    outbox,
    metrics,
    keyring,
    setReady: (value) => {
      ready = value;
    },
    close: async () => {
      clearInterval(sweeper);
      await sweeping;
      await outbox.stop();
      await stores.close();
    },
  };
}
