import express, { Router, type Request, type Response } from 'express';
import type { Bundle, Parameters, Resource } from '@medplum/fhirtypes';
import type { CardIssuer } from '../cards/card-issuer.ts';
import { healthCardType } from '../cards/health-card.ts';
import { capabilityStatement } from '../fhir/capability-statement.ts';
import { etag, failedEntryResponse, fullUrl, historyBundle, searchsetJson, writeResponse } from '../fhir/bundles.ts';
import { FhirError, informational } from '../fhir/errors.ts';
import type { HealthRecord } from '../record/record.ts';
import { defaultPageSize, maxPageSize } from '../record/search.ts';
import type { EntryOutcome } from '../record/transaction.ts';
import type { StoredResource, WriteResult } from '../store/store.ts';
import { fhirJson } from './errors.ts';
import type { SearchLimits } from '../search/search-limits.ts';
import { bundleBody, idParam, ifMatch, linkParams, resourceBody, resourceTypeParam, searchQuery, signedInActor } from './fhir-request.ts';

export interface FhirRouterDeps {
  record: HealthRecord;
  cards: CardIssuer;
  publicUrl: string;
  bodyLimitBytes: number;
  version: string;
  clock: () => Date;
  /** Bounds on what one request may ask for (config.ts, "Bounded input"). */
  limits: { search: SearchLimits; maxBundleEntries: number };
}

/** FHIR R4 REST at /fhir. Only mapping here: request → record use case → response. */
export function createFhirRouter(deps: FhirRouterDeps): Router {
  const { record, limits } = deps;
  const baseUrl = `${deps.publicUrl}/fhir`;
  const router = Router();
  const fhirTypes = ['application/fhir+json', 'application/json'];
  const parseJson = express.json({ type: fhirTypes, limit: deps.bodyLimitBytes, strict: true });
  const parseForm = express.text({ type: 'application/x-www-form-urlencoded', limit: deps.bodyLimitBytes });
  // Only requests that carry a body pay for the parsers; reads go straight to their route.
  router.use((req, res, next) => (req.method === 'POST' || req.method === 'PUT' ? parseJson(req, res, (err) => (err ? next(err) : parseForm(req, res, next))) : next()));

  const send = (res: Response, status: number, body: Resource): void => {
    res.status(status).type(fhirJson).send(JSON.stringify(body));
  };
  const sendStored = (res: Response, stored: StoredResource): void => {
    res.set('ETag', etag(stored.versionId)).set('Last-Modified', new Date(stored.lastUpdated).toUTCString());
    res.status(200).type(fhirJson).send(stored.json);
  };
  const sendWrite = (req: Request, res: Response, result: WriteResult): void => {
    const response = writeResponse(baseUrl, result);
    if (response.location) res.set('Location', response.location);
    if (response.etag) res.set('ETag', response.etag);
    if (response.lastModified) res.set('Last-Modified', new Date(response.lastModified).toUTCString());
    const status = Number.parseInt(response.status, 10);
    const prefer = req.get('Prefer') ?? '';
    if (!response.resource) send(res, 200, informational('Deleted.'));
    else if (prefer.includes('return=minimal')) res.status(status).end();
    else if (prefer.includes('return=OperationOutcome')) send(res, status, informational('Saved.'));
    else send(res, status, response.resource);
  };

  router.get('/metadata', (_req, res) => send(res, 200, capabilityStatement(deps.publicUrl, deps.version, deps.clock())));

  router.post('/', async (req, res) => {
    const actor = signedInActor(res);
    const bundle = bundleBody(req, limits.maxBundleEntries);
    if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
      throw new FhirError('bad-request', 'POST /fhir takes a Bundle of type transaction or batch.');
    }
    const outcomes = bundle.type === 'transaction' ? await record.transaction(actor, bundle) : await record.batch(actor, bundle);
    send(res, 200, responseBundle(baseUrl, bundle.type, outcomes));
  });

  router.get('/_history', async (req, res) => {
    const actor = signedInActor(res);
    sendHistory(req, res, `${baseUrl}/_history`, await record.history(actor, historyRequest(req, limits.search)));
  });

  const everything = async (req: Request, res: Response): Promise<void> => {
    const actor = signedInActor(res);
    const id = idParam(req);
    const resources = await record.everything(actor, id);
    const page = { url: `${baseUrl}/Patient/${id}/$everything`, params: new URLSearchParams(), count: resources.length, offset: 0, total: resources.length };
    res.status(200).type(fhirJson).send(searchsetJson({ baseUrl, page, matches: resources, included: [] }));
  };
  router.post('/Patient/:id/\\$import-summary', async (req, res) => {
    const actor = signedInActor(res);
    const outcomes = await record.importSummary(actor, idParam(req), bundleBody(req, limits.maxBundleEntries));
    send(res, 200, responseBundle(baseUrl, 'transaction', outcomes));
  });
  const summary = async (req: Request, res: Response): Promise<void> => {
    send(res, 200, await record.summary(signedInActor(res), idParam(req), baseUrl));
  };
  router.get('/Patient/:id/\\$summary', summary);
  router.post('/Patient/:id/\\$health-cards-revoke', async (req, res) => {
    await deps.cards.revokeAll(signedInActor(res), idParam(req));
    send(res, 200, informational('Every Red Bag card made until now is revoked: scanners will show it as no longer current. Print a new one.'));
  });
  router.post('/Patient/:id/\\$health-cards-issue', async (req, res) => {
    const actor = signedInActor(res);
    const parameters = resourceBody(req) as Parameters;
    if (parameters.resourceType !== 'Parameters') throw new FhirError('bad-request', 'Send a Parameters resource (credentialType https://smarthealth.cards#health-card).');
    const types = (parameters.parameter ?? []).filter((p) => p.name === 'credentialType').map((p) => p.valueUri);
    if (types.length > 0 && !types.includes(healthCardType)) {
      send(res, 200, { resourceType: 'Parameters' }); // nothing of the requested types: an empty answer, as the specification says
      return;
    }
    const card = await deps.cards.issue(actor, idParam(req));
    send(res, 200, { resourceType: 'Parameters', parameter: [{ name: 'verifiableCredential', valueString: card.jws }] });
  });
  router.post('/Patient/:id/\\$summary', summary);
  router.get('/Patient/:id/\\$everything', everything);
  router.post('/Patient/:id/\\$everything', everything);

  const searchHandler = async (req: Request, res: Response): Promise<void> => {
    const actor = signedInActor(res);
    const type = resourceTypeParam(req);
    const query = searchQuery(req, limits.search);
    rejectUnsupportedSummary(query);
    const result = await record.search(actor, type, query);
    const page = { url: `${baseUrl}/${type}`, params: linkParams(query), count: result.request.count, offset: result.request.offset, total: result.total, maxOffset: limits.search.maxOffset };
    res.status(200).type(fhirJson).send(searchsetJson({ baseUrl, page, matches: result.matches, included: result.included, elements: result.request.fields }));
  };
  router.get('/:type', searchHandler);
  router.post('/:type/_search', searchHandler);

  router.post('/:type', async (req, res) => {
    const actor = signedInActor(res);
    const type = resourceTypeParam(req);
    const resource = resourceBody(req);
    if (resource.resourceType !== type) throw new FhirError('bad-request', `The body is a ${resource.resourceType}, but it was sent to /${type}.`);
    sendWrite(req, res, await record.create(actor, resource, req.get('If-None-Exist')));
  });

  router.get('/:type/_history', async (req, res) => {
    const actor = signedInActor(res);
    const type = resourceTypeParam(req);
    sendHistory(req, res, `${baseUrl}/${type}/_history`, await record.history(actor, { ...historyRequest(req, limits.search), resourceType: type }));
  });

  router.get('/:type/:id', async (req, res) => {
    sendStored(res, await record.read(signedInActor(res), resourceTypeParam(req), idParam(req)));
  });
  router.put('/:type/:id', async (req, res) => {
    const actor = signedInActor(res);
    sendWrite(req, res, await record.update(actor, resourceTypeParam(req), idParam(req), resourceBody(req), ifMatch(req)));
  });
  router.delete('/:type/:id', async (req, res) => {
    const actor = signedInActor(res);
    sendWrite(req, res, await record.delete(actor, resourceTypeParam(req), idParam(req), ifMatch(req)));
  });
  router.get('/:type/:id/_history', async (req, res) => {
    const actor = signedInActor(res);
    const type = resourceTypeParam(req);
    const id = idParam(req);
    sendHistory(req, res, `${baseUrl}/${type}/${id}/_history`, await record.history(actor, { ...historyRequest(req, limits.search), resourceType: type, id }));
  });
  router.get('/:type/:id/_history/:vid', async (req, res) => {
    sendStored(res, await record.vread(signedInActor(res), resourceTypeParam(req), idParam(req), idParam(req, 'vid')));
  });

  router.all('/{*rest}', (req) => {
    throw new FhirError('method-not-allowed', `${req.method} is not supported at ${req.path}.`);
  });

  function sendHistory(req: Request, res: Response, url: string, page: Awaited<ReturnType<HealthRecord['history']>>): void {
    const query = searchQuery(req, limits.search);
    const { count, offset } = historyRequest(req, limits.search);
    send(res, 200, historyBundle(baseUrl, { url, params: linkParams(query), count, offset, total: page.total, maxOffset: limits.search.maxOffset }, page));
  }

  return router;
}

function historyRequest(req: Request, limits: SearchLimits): { count: number; offset: number; since?: Date } {
  searchQuery(req, limits); // the same bounds as a search: length, number of parameters, _offset
  const number = (name: string, fallback: number): number => {
    const raw = req.query[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new FhirError('bad-request', `${name} must be a whole number of 0 or more.`);
    return value;
  };
  const sinceRaw = req.query._since;
  let since: Date | undefined;
  if (sinceRaw !== undefined) {
    since = new Date(String(sinceRaw));
    if (Number.isNaN(since.getTime())) throw new FhirError('bad-request', '_since must be a date and time, for example 2026-03-01T00:00:00Z.');
  }
  return { count: Math.min(number('_count', defaultPageSize), maxPageSize), offset: number('_offset', 0), since };
}

function rejectUnsupportedSummary(query: Record<string, string[]>): void {
  const summary = query._summary?.[0];
  if (summary !== undefined && summary !== 'count' && summary !== 'false') {
    throw new FhirError('bad-request', `_summary=${summary} is not supported yet; use _summary=count or _elements.`);
  }
}

function responseBundle(baseUrl: string, type: 'transaction' | 'batch', outcomes: EntryOutcome[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: type === 'transaction' ? 'transaction-response' : 'batch-response',
    entry: outcomes.map((outcome) => {
      switch (outcome.kind) {
        case 'written': {
          const { resource, ...response } = writeResponse(baseUrl, outcome.result);
          return { ...(resource ? { fullUrl: fullUrl(baseUrl, resource), resource } : {}), response };
        }
        case 'read':
          return { resource: outcome.resource, response: { status: '200 OK' } };
        default: // 'failed': TypeScript narrows to it, so a new kind of outcome would not compile here
          return { response: failedEntryResponse(outcome.error) };
      }
    }),
  };
}
