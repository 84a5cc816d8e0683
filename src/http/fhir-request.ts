import type { Request, Response } from 'express';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { FhirError } from '../fhir/errors.ts';
import { idPattern, resourceTypePattern } from '../fhir/ids.ts';
import { exceedsDepth } from '../fhir/json-depth.ts';
import { findPrototypeKey } from '../fhir/prototype-keys.ts';
import { checkSearchLimits, type SearchLimits } from '../search/search-limits.ts';

/** FHIR resources nest a dozen levels at most; 64 leaves room and stops stack-exhausting bodies. */
const maxJsonDepth = 64;

export function signedInActor(res: Response): Actor {
  const actor = (res.locals.actor as Actor | undefined) ?? { kind: 'anonymous' };
  if (actor.kind === 'anonymous') throw new FhirError('unauthenticated', 'Please sign in first.');
  return actor;
}

export function resourceTypeParam(req: Request): string {
  const type = String(req.params.type);
  if (!resourceTypePattern.test(type)) throw new FhirError('not-found', `"${type}" is not a FHIR resource type.`);
  return type;
}

export function idParam(req: Request, name = 'id'): string {
  const id = String(req.params[name]);
  if (!idPattern.test(id)) throw new FhirError('bad-request', `"${id}" is not a valid FHIR id (1 to 64 letters, digits, '-' or '.').`);
  return id;
}

/** The JSON body as a resource, after the checks every write needs: media type, shape, depth, no prototype keys. */
export function resourceBody(req: Request): Resource {
  if (!req.is(['application/fhir+json', 'application/json'])) {
    throw new FhirError('unsupported-media-type', 'Send the resource as application/fhir+json.');
  }
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new FhirError('bad-request', 'The request body must be a FHIR resource (a JSON object).');
  }
  if (exceedsDepth(body, maxJsonDepth)) throw new FhirError('bad-request', `The request body is nested more than ${maxJsonDepth} levels deep.`);
  const resourceType = (body as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string' || !resourceTypePattern.test(resourceType)) {
    throw new FhirError('bad-request', 'The request body needs a resourceType, for example "AllergyIntolerance".');
  }
  const prototypeKey = findPrototypeKey(body);
  if (prototypeKey !== undefined) {
    const expression = `${resourceType}.${prototypeKey}`;
    const text = `${expression} has "${prototypeKey.replace(/^.*[.\]]/, '')}", which is not part of any kind of record. Remove it.`;
    throw new FhirError('invalid', text, [{ severity: 'error', code: 'structure', expression: [expression], details: { text } }]);
  }
  return body as Resource;
}

/** A Bundle body (transaction, batch, a document to import), with no more entries than the limit. */
export function bundleBody(req: Request, maxEntries: number): Bundle {
  const bundle = resourceBody(req) as Bundle;
  if (bundle.resourceType !== 'Bundle') throw new FhirError('bad-request', `Send a Bundle, not a ${bundle.resourceType}.`);
  if (Array.isArray(bundle.entry) && bundle.entry.length > maxEntries) {
    throw new FhirError('bad-request', `A Bundle may have at most ${maxEntries} entries; this one has ${bundle.entry.length}. Send it in smaller parts.`);
  }
  return bundle;
}

/** If-Match: W/"3" → "3". */
export function ifMatch(req: Request): string | undefined {
  const header = req.get('If-Match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"([^"]+)"$/.exec(header.trim());
  if (!match) throw new FhirError('bad-request', 'If-Match must be a version ETag such as W/"1".');
  return match[1];
}

/**
 * The query from the URL or (for POST _search) the form body, within the limits, as an object
 * without a prototype: a parameter called `__proto__` or `constructor` is an ordinary (unknown) name.
 */
export function searchQuery(req: Request, limits: SearchLimits): Record<string, string[]> {
  const inUrl = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  let inBody = '';
  if (req.method === 'POST') {
    if (!req.is('application/x-www-form-urlencoded')) {
      throw new FhirError('unsupported-media-type', 'POST _search takes its parameters as application/x-www-form-urlencoded.');
    }
    inBody = typeof req.body === 'string' ? req.body : '';
  }
  if (Buffer.byteLength(inUrl) + Buffer.byteLength(inBody) > limits.maxQueryBytes) {
    throw new FhirError('bad-request', `The search is too long: its parameters may be at most ${limits.maxQueryBytes.toLocaleString('en-GB')} bytes. Search for fewer things at once.`);
  }
  const pairs = [...new URLSearchParams(inUrl), ...new URLSearchParams(inBody)];
  checkSearchLimits(pairs, limits);
  const query: Record<string, string[]> = Object.create(null);
  for (const [key, value] of pairs) {
    query[key] ??= [];
    query[key].push(value);
  }
  return query;
}

/** The caller's parameters minus paging ones, for building page links. */
export function linkParams(query: Record<string, string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(query)) {
    if (key === '_count' || key === '_offset') continue;
    for (const value of values) params.append(key, value);
  }
  return params;
}
