import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import type { HealthRecord } from './record/record.ts';
import type { AccountStore } from './store/port.ts';
import { createAuthRouter } from './http/auth-routes.ts';
import { authenticate } from './http/authenticate.ts';
import { errorHandler, notFoundRoute } from './http/errors.ts';
import { FhirError } from './fhir/errors.ts';
import { createFhirRouter } from './http/fhir-router.ts';
import { createRedBagRouter } from './http/red-bag-routes.ts';
import { createHealthLinkRouters } from './http/health-link-routes.ts';
import { createHealthLinkService } from './cards/health-link-service.ts';
import { createPrintoutLinks, withPrintoutLinksRevoked } from './cards/printout-link.ts';
import { requestLog } from './http/request-log.ts';
import type { Metrics } from './metrics/metrics.ts';
import { createWebApp } from './http/web-app.ts';
import { createPlanRouter } from './http/plan-routes.ts';
import { createEmergencyRouter } from './http/emergency-routes.ts';
import { createMyAccessRouter } from './http/my-access-routes.ts';
import { createEmergencyService } from './emergency/emergency-service.ts';
import type { Notifier } from './notifications/notifier.ts';
import { createCarerRouters } from './http/carer-routes.ts';
import { createCarerService } from './carers/carer-service.ts';
import { createClientAdminRouter, createSmartRouter } from './http/smart-routes.ts';
import { createBackendTokens } from './smart/backend-tokens.ts';
import { createAccessLogRouter } from './http/access-log-routes.ts';
import { createNotificationRouter } from './http/notification-routes.ts';
import { createAdminRouter } from './http/admin-routes.ts';
import { createAdminService } from './admin/admin-service.ts';
import { systemActor } from './access/system-actor.ts';
import { createSessionService } from './auth/sessions.ts';
import { createCardIssuer } from './cards/card-issuer.ts';
import { createCardCache } from './cards/card-cache.ts';
import { createCardRenders } from './cards/card-renders.ts';
import { sharedRenderPool } from './cards/render-pool.ts';
import { createIssuerKeys } from './cards/issuer-keys.ts';
import { revocationId } from './cards/issue-card.ts';
import type { Keyring } from './secrets/keyring.ts';
import { createCardCurrency } from './cards/card-currency.ts';
import { createCardStatusRouters } from './http/card-status-routes.ts';

export interface AppDeps {
  config: Config;
  record: HealthRecord;
  accounts: AccountStore;
  /** Opens the token and card secrets sealed in the store. */
  keyring: Keyring;
  notifier: Notifier;
  logger: Logger;
  clock: () => Date;
  version: string;
  /** False while starting or shutting down: /healthz answers 503. */
  isReady: () => boolean;
  /** Request counts and latency by route are recorded here when given. */
  metrics?: Metrics;
  /** Wakes the outbox when an account email (a reset link) is queued, so it goes now. */
  onMailQueued?: () => void;
}

/** Builds the service; it does not listen, so tests can drive it with supertest or on a port of their own. */
export function createApp(deps: AppDeps): Express {
  const { config, record, accounts, keyring, logger, clock } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Only as far as configured: believing X-Forwarded-For from anyone would let a guesser pick a fresh address for every try.
  app.set('trust proxy', config.trustProxy);
  app.use(helmet());
  app.use(requestLog(logger));
  if (deps.metrics) app.use(deps.metrics.measureRequests);

  app.get('/healthz', (_req, res) => {
    const ready = deps.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'starting or stopping' });
  });

  const sessions = createSessionService({ accounts, keyring, clock, tokenTtlSeconds: config.tokenTtlSeconds, sessionTtlSeconds: config.sessionTtlSeconds });
  const backendTokens = createBackendTokens({ accounts, keyring, clock });
  app.use(authenticate({ sessions, backendTokens, publicUrl: config.publicUrl }));
  app.use(createSmartRouter({ accounts, tokens: backendTokens, publicUrl: config.publicUrl, clock }));

  const createPatient = async (patient: Parameters<HealthRecord['create']>[1]): Promise<string> => {
    const result = await record.create(systemActor('sign-up'), patient);
    if (result.outcome !== 'created') throw new Error('sign-up did not create a Patient');
    return result.stored.resource.id;
  };
  app.use('/auth', express.json({ type: ['application/json', 'application/fhir+json'], limit: config.bodyLimitBytes }));
  const keys = createIssuerKeys(accounts, keyring, clock);
  // Closing an account revokes every card she may hold: one rid per signing key, retired keys too.
  const revocationsOf = async (patientId: string): Promise<Array<{ kid: string; rid: string }>> => {
    const ridSecret = await keys.ridSecret();
    return (await keys.kids()).map((kid) => ({ kid, rid: revocationId(ridSecret, kid, patientId) }));
  };
  const account = { record, revocationsOf, ...(deps.onMailQueued ? { onMailQueued: deps.onMailQueued } : {}) };
  app.use('/auth', createAuthRouter({ accounts, keyring, sessions, createPatient, config, clock, logger, account }));
  const links = createHealthLinkService({ accounts, record, publicUrl: config.publicUrl, clock });
  const printoutLinks = createPrintoutLinks({ links, publicUrl: config.publicUrl, clock });
  // Revoking her cards (lost or replaced) revokes the printout's link too: it was printed beside the card.
  // Cards, their summaries and drawings, made once per change of what they show (card-cache.ts).
  const cardCache = createCardCache();
  const cards = withPrintoutLinksRevoked(createCardIssuer({ record, keys, accounts, publicUrl: config.publicUrl, clock, cache: cardCache }), printoutLinks, accounts);
  // Verifiers anywhere (a paramedic's phone) fetch the issuer's keys and revocation lists: CORS * as
  // the SMART Health Cards specification requires. crlVersion tells them when the list changed.
  const publicForVerifiers = (res: express.Response, cache: string): void => {
    res.set('Access-Control-Allow-Origin', '*').set('Cross-Origin-Resource-Policy', 'cross-origin').set('Cache-Control', cache);
  };
  app.get('/.well-known/jwks.json', async (_req, res) => {
    const jwks = await keys.jwks();
    const withCrl = await Promise.all(jwks.keys.map(async (key) => ({ ...key, crlVersion: (await cards.revocationList(key.kid!))?.ctr ?? 1 })));
    publicForVerifiers(res, 'public, max-age=300');
    res.json({ keys: withCrl });
  });
  app.get('/.well-known/crl/:file', async (req, res) => {
    const list = await cards.revocationList(String(req.params.file).replace(/\.json$/, ''));
    publicForVerifiers(res, 'no-cache');
    if (!list) throw new FhirError('not-found', 'There is no revocation list for that key.');
    res.json(list);
  });
  app.use('/red-bag', createRedBagRouter({ cards, printoutLinks, renders: createCardRenders({ cache: cardCache, pool: sharedRenderPool() }) }));
  const cardStatus = createCardStatusRouters({ currency: createCardCurrency({ record, accounts, publicUrl: config.publicUrl, cache: cardCache, clock }) });
  app.use('/red-bag', cardStatus.portal);
  app.use('/shc', cardStatus.scanner);
  const admin = createAdminService({ record, accounts, clock, logger });
  const clients = createClientAdminRouter({ accounts, admin, clock });
  const proxies = createCarerService({ record, accounts, publicUrl: config.publicUrl, clock, logger });
  app.use('/admin', createAdminRouter({ admin, bodyLimitBytes: config.bodyLimitBytes, clients, proxies }));
  const linkRouters = createHealthLinkRouters({ links, bodyLimitBytes: config.bodyLimitBytes });
  app.use('/shl', linkRouters.manifest);
  app.use('/fhir/Patient', linkRouters.owner);
  app.use('/fhir/Patient', createAccessLogRouter({ record }));
  app.use('/notifications', createNotificationRouter({ notifications: accounts, record, bodyLimitBytes: config.bodyLimitBytes, clock }));
  const carers = createCarerService({ record, accounts, publicUrl: config.publicUrl, serviceName: config.serviceName, clock, logger, notifier: deps.notifier });
  const carerRouters = createCarerRouters({ carers, bodyLimitBytes: config.bodyLimitBytes });
  app.use('/fhir/Patient', carerRouters.owner);
  app.use('/carers', carerRouters.carer);
  app.use('/fhir/Patient', createEmergencyRouter({ emergency: createEmergencyService({ record, logger, publicUrl: config.publicUrl }), record, bodyLimitBytes: config.bodyLimitBytes }));
  app.use('/fhir/Patient', createMyAccessRouter({ record }));
  app.use('/fhir', createPlanRouter({ record, publicUrl: config.publicUrl, clock }));
  app.use('/fhir', createFhirRouter({ record, cards, publicUrl: config.publicUrl, bodyLimitBytes: config.bodyLimitBytes, version: deps.version, clock, limits: config.limits }));

  app.use(createWebApp({ publicUrl: config.publicUrl, serviceName: config.serviceName, logoUrl: config.logoUrl, trustedIssuers: config.trustedIssuers }));

  app.use(notFoundRoute);
  app.use(errorHandler(logger));
  return app;
}
