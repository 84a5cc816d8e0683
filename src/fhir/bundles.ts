import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import type { HistoryEntry, HistoryPage, StoredResource, WriteResult } from '../store/store.ts';
import { selectElements } from './elements.ts';
import type { FhirError } from './errors.ts';

export const fullUrl = (baseUrl: string, r: Resource): string => `${baseUrl}/${r.resourceType}/${r.id}`;

export const etag = (versionId: string): string => `W/"${versionId}"`;

/** The paging parameters a searchset link carries; everything else in the query is repeated as is. */
export interface PageRequest {
  /** `${baseUrl}/Type` or `${baseUrl}/_history`: where the links point. */
  url: string;
  /** The caller's own parameters, without _count and _offset. */
  params: URLSearchParams;
  count: number;
  offset: number;
  total: number;
  /** The deepest _offset a caller may ask for (SEARCH_MAX_OFFSET): no link points past it. */
  maxOffset?: number;
}

export function pageLinks(page: PageRequest): BundleLink[] {
  const link = (relation: string, offset: number): BundleLink => {
    const params = new URLSearchParams(page.params);
    params.set('_count', String(page.count));
    params.set('_offset', String(offset));
    return { relation, url: `${page.url}?${params}` };
  };
  const links = [link('self', page.offset)];
  if (page.count === 0) return links;
  const lastOffset = page.total === 0 ? 0 : Math.floor((page.total - 1) / page.count) * page.count;
  const reachable = (offset: number): boolean => page.maxOffset === undefined || offset <= page.maxOffset;
  links.push(link('first', 0));
  if (page.offset > 0) links.push(link('previous', Math.max(0, page.offset - page.count)));
  const next = page.offset + page.count;
  if (next < page.total && reachable(next)) links.push(link('next', next));
  if (reachable(lastOffset)) links.push(link('last', lastOffset));
  return links;
}

/**
 * A searchset Bundle as JSON text. Stored resources are spliced in as the text they were stored as,
 * so a page of results is not parsed and serialised again; `_elements` trims the matches.
 */
export function searchsetJson(args: {
  baseUrl: string;
  page: PageRequest;
  matches: StoredResource[];
  included: StoredResource[];
  elements?: readonly string[];
}): string {
  const { baseUrl, page, matches, included, elements } = args;
  const entry = (stored: StoredResource, mode: 'match' | 'include'): string => {
    const json = mode === 'match' && elements?.length ? JSON.stringify(selectElements(stored.resource, elements)) : stored.json;
    const url = JSON.stringify(`${baseUrl}/${stored.resourceType}/${stored.id}`);
    return `{"fullUrl":${url},"resource":${json},"search":{"mode":"${mode}"}}`;
  };
  const head = JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: page.total, link: pageLinks(page) } satisfies Bundle);
  const entries = [...matches.map((m) => entry(m, 'match')), ...included.map((i) => entry(i, 'include'))];
  return entries.length ? `${head.slice(0, -1)},"entry":[${entries.join(',')}]}` : head;
}

export function historyBundle(baseUrl: string, page: PageRequest, history: HistoryPage): Bundle {
  const entry = history.entries.map((e: HistoryEntry): BundleEntry => ({
    fullUrl: `${baseUrl}/${e.resourceType}/${e.id}`,
    ...(e.resource ? { resource: e.resource } : {}),
    request: { method: e.method, url: e.method === 'POST' ? e.resourceType : `${e.resourceType}/${e.id}` },
    response: {
      status: e.method === 'POST' ? '201 Created' : e.method === 'DELETE' ? '204 No Content' : '200 OK',
      etag: etag(e.versionId),
      lastModified: e.lastUpdated,
    },
  }));
  return { resourceType: 'Bundle', type: 'history', total: history.total, link: pageLinks(page), ...(entry.length ? { entry } : {}) };
}

/** The `response` of one written entry: status, Location, ETag, as a single write would answer. */
export function writeResponse(baseUrl: string, result: WriteResult): NonNullable<BundleEntry['response']> & { resource?: Resource } {
  switch (result.outcome) {
    case 'created':
    case 'updated':
    case 'existing': {
      const { resource } = result.stored;
      const { versionId, lastUpdated } = resource.meta;
      return {
        status: result.outcome === 'created' ? '201 Created' : '200 OK',
        location: `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${versionId}`,
        etag: etag(versionId),
        lastModified: lastUpdated,
        resource,
      };
    }
    case 'deleted':
      return { status: '204 No Content', etag: etag(result.versionId), lastModified: result.lastUpdated };
    case 'already-deleted':
      return { status: '204 No Content' };
  }
}

export function failedEntryResponse(error: FhirError): NonNullable<BundleEntry['response']> {
  return { status: String(error.status), outcome: error.toOperationOutcome() };
}
