import type { Filter } from '@medplum/core';
import type { Actor } from '../access/actor.ts';
import { searchScope } from '../access/search-scope.ts';
import { FhirError } from '../fhir/errors.ts';
import { checkSearchLimits, defaultSearchLimits, type SearchLimits } from '../search/search-limits.ts';
import type { Scope } from '../store/store.ts';
import { parseQuery } from './search.ts';

/** If-None-Exist: the query, confined to what the caller may see, so it cannot probe other records. */
export function conditionalCreateFilters(
  actor: Actor,
  resourceType: string,
  ifNoneExist: string,
  limits: SearchLimits = defaultSearchLimits,
): { filters: Filter[]; scope: Scope } {
  const text = ifNoneExist.replace(/^.*\?/, '');
  if (Buffer.byteLength(text) > limits.maxQueryBytes) throw new FhirError('bad-request', `If-None-Exist may be at most ${limits.maxQueryBytes} bytes long.`);
  const pairs = [...new URLSearchParams(text)];
  checkSearchLimits(pairs, limits);
  const query: Record<string, string[]> = Object.create(null);
  for (const [key, value] of pairs) {
    query[key] ??= [];
    query[key].push(value);
  }
  const filters = parseQuery(resourceType, query).filters ?? [];
  if (filters.length === 0) throw new FhirError('bad-request', 'If-None-Exist needs at least one search parameter, for example identifier=system|value.');
  return { filters, scope: searchScope(actor, resourceType) };
}
