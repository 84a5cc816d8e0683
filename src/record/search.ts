import { evalFhirPath, getSearchParameter, parseSearchRequest, type IncludeTarget, type SearchRequest } from '@medplum/core';
import type { Reference } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { Grant } from '../access/grants.ts';
import { searchScope } from '../access/search-scope.ts';
import { loadGrants } from './load-grants.ts';
import { visibleTo } from './visible.ts';
import { isRecordedAccess, recordAccess } from './audit-trail.ts';
import { FhirError } from '../fhir/errors.ts';
import { parseRelativeReference } from '../fhir/references.ts';
import type { ResourceKey, StoredResource } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';
import { supportedType } from './supported-type.ts';
import { checkSearchNames } from '../search/search-names.ts';

export const defaultPageSize = 20;
export const maxPageSize = 500;
/** Bounds one _include/_revinclude step; a person's record is far smaller. */
const includeLimit = 1_000;

export interface SearchResult {
  request: SearchRequest & { count: number; offset: number };
  matches: StoredResource[];
  included: StoredResource[];
  total: number;
}

export type SearchQuery = Record<string, string | string[] | undefined>;

export async function search(deps: RecordDeps, actor: Actor, resourceType: string, query: SearchQuery): Promise<SearchResult> {
  supportedType(resourceType);
  const request = parseQuery(resourceType, query);
  const grants = await loadGrants(deps, actor);
  const scope = searchScope(actor, resourceType, grants);
  const page = await deps.store.search({
    resourceType,
    filters: request.filters ?? [],
    sort: request.sortRules ?? [],
    count: request.count,
    offset: request.offset,
    total: true,
    scope,
  });
  // The scope already confines the query in SQL; re-deciding each row keeps search and read from drifting apart.
  const matches = page.resources.filter((r) => visibleTo(actor, r, grants));
  const included = request.count === 0 ? [] : await includes(deps, actor, grants, request, matches);
  await recordSearch(deps, actor, [...matches, ...included], grants);
  return { request, matches, included, total: page.total ?? matches.length };
}

/** One access record per person whose record the page showed (nothing is recorded for a person's own searches). */
async function recordSearch(deps: RecordDeps, actor: Actor, shown: StoredResource[], grants: readonly Grant[]): Promise<void> {
  const byCompartment = new Map<string, string[]>();
  for (const stored of shown) {
    if (!isRecordedAccess(actor, stored.compartment)) continue;
    byCompartment.set(stored.compartment, [...(byCompartment.get(stored.compartment) ?? []), keyOf(stored)]);
  }
  for (const [patientId, entities] of byCompartment) {
    const grant = grants.find((g) => g.patientId === patientId);
    const decision = grant?.emergency
      ? { permit: true, reason: 'emergency access (break the glass)', grant: grant.source, emergency: true }
      : { permit: true, reason: 'shared with the caller', ...(grant ? { grant: grant.source } : {}) };
    await recordAccess(deps, actor, { patientId, interaction: 'search-type', entities, decision });
  }
}

export function parseQuery(resourceType: string, query: SearchQuery): SearchResult['request'] {
  const pairs = searchPairs(query);
  checkSearchNames(resourceType, pairs);
  let request: SearchRequest;
  try {
    request = parseSearchRequest(resourceType, Object.fromEntries(groupPairs(pairs)));
  } catch (err) {
    throw new FhirError('bad-request', `The search could not be understood: ${(err as Error).message}`);
  }
  const count = request.count ?? defaultPageSize;
  if (!Number.isInteger(count) || count < 0 || count > maxPageSize) {
    throw new FhirError('bad-request', `_count must be a whole number from 0 to ${maxPageSize}. For more, follow the "next" links page by page.`);
  }
  const offset = request.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new FhirError('bad-request', '_offset must be a whole number of 0 or more.');
  return { ...request, count, offset };
}

/** The query as name=value pairs, read as own entries only (a prototype-free object or not). */
export function searchPairs(query: SearchQuery): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value ?? '']) pairs.push([key, String(v)]);
  }
  return pairs;
}

function groupPairs(pairs: ReadonlyArray<readonly [string, string]>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of pairs) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  return grouped;
}

async function includes(deps: RecordDeps, actor: Actor, grants: readonly Grant[], request: SearchRequest, matches: StoredResource[]): Promise<StoredResource[]> {
  const seen = new Set(matches.map(keyOf));
  const found: StoredResource[] = [];
  const add = (items: StoredResource[]): void => {
    for (const item of items) {
      const key = keyOf(item);
      if (!seen.has(key) && visibleTo(actor, item, grants)) {
        seen.add(key);
        found.push(item);
      }
    }
  };
  for (const target of request.include ?? []) {
    add(await deps.store.readMany(referencedKeys(target, matches)));
  }
  for (const target of request.revInclude ?? []) {
    add(await reverseIncluded(deps, actor, grants, target, matches));
  }
  return found;
}

function referencedKeys(target: IncludeTarget, matches: StoredResource[]): ResourceKey[] {
  const param = referenceParam(target);
  const keys = new Map<string, ResourceKey>();
  for (const { resource } of matches) {
    if (resource.resourceType !== target.resourceType) continue;
    for (const ref of evalFhirPath(param.expression ?? '', resource) as Reference[]) {
      const parsed = typeof ref?.reference === 'string' ? parseRelativeReference(ref.reference) : undefined;
      if (parsed && (!target.targetType || parsed.resourceType === target.targetType)) {
        keys.set(`${parsed.resourceType}/${parsed.id}`, parsed);
      }
    }
  }
  return [...keys.values()].slice(0, includeLimit);
}

async function reverseIncluded(deps: RecordDeps, actor: Actor, grants: readonly Grant[], target: IncludeTarget, matches: StoredResource[]): Promise<StoredResource[]> {
  supportedType(target.resourceType);
  referenceParam(target);
  if (matches.length === 0) return [];
  const page = await deps.store.search({
    resourceType: target.resourceType,
    filters: [{ code: target.searchParam, operator: 'eq', value: matches.map(keyOf).join(',') }],
    sort: [],
    count: includeLimit,
    offset: 0,
    total: false,
    scope: searchScope(actor, target.resourceType, grants),
  });
  return page.resources;
}

function referenceParam(target: IncludeTarget): { expression?: string } {
  const param = getSearchParameter(target.resourceType, target.searchParam);
  if (!param || param.type !== 'reference') {
    throw new FhirError('bad-request', `"${target.resourceType}:${target.searchParam}" is not a reference search parameter, so it cannot be included.`);
  }
  return param;
}

const keyOf = (stored: StoredResource): string => `${stored.resourceType}/${stored.id}`;
