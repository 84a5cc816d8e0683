import { getSearchParameterDetails, getSearchParameters, type SearchParameterDetails } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../fhir/definitions.ts';
import { isSupportedType } from '../fhir/resource-types.ts';

/** How a parameter's values are kept in the index tables. */
export type IndexKind = 'token' | 'string' | 'date' | 'reference';

export interface SupportedParam {
  code: string;
  /** The FHIR search parameter type, as the CapabilityStatement states it. */
  type: 'token' | 'string' | 'date' | 'reference' | 'uri';
  index: IndexKind;
  url: string;
  /** Parsed FHIRPath for this resource type; absent for _id/_lastUpdated, which are columns. */
  details?: SearchParameterDetails;
  /** For reference parameters: the types it may point at. */
  targets?: readonly string[];
}

/**
 * Not a search parameter anyone can send: the index row that marks a sensitive item, so a share's
 * scope can leave such items out in SQL (access/sensitivity.ts decides what is sensitive).
 */
export const sensitivityParam = '_redbag-sensitivity';

const indexOf: Record<string, IndexKind | undefined> = { token: 'token', string: 'string', date: 'date', reference: 'reference', uri: 'token' };

/** Parameters the R4 base defines that @medplum/core adds for its own server; not ours to offer. */
const notOurs = new Set(['_compartment', '_project', '_source']);

/**
 * R4 parameters not offered for a type, and so not indexed. Every AuditEvent Red Bag writes has type
 * "rest" and a Person entity in role Patient, and most have System Object entities: searching by
 * those picks out nothing; agent-name repeats agent (who) in words. They were six of an AuditEvent's
 * sixteen index rows, and the only rows in one of the four index tables; an AuditEvent is written
 * with every change and every read by someone else (issue 16: creates and professionals' reads
 * 12-16% faster without them).
 */
const notOffered: Readonly<Record<string, readonly string[]>> = { AuditEvent: ['type', 'entity-type', 'entity-role', 'agent-name'] };

const columnParams: SupportedParam[] = [
  { code: '_id', type: 'token', index: 'token', url: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
  { code: '_lastUpdated', type: 'date', index: 'date', url: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated' },
];

const cache = new Map<string, ReadonlyMap<string, SupportedParam>>();

/**
 * Every search parameter the server answers for a type: R4's token, string, date, reference and uri
 * parameters, plus _id and _lastUpdated. The CapabilityStatement, the indexer and the SQL compiler
 * all read this one list, so what is advertised is what works.
 */
export function supportedParamMap(resourceType: string): ReadonlyMap<string, SupportedParam> {
  let params = cache.get(resourceType);
  if (!params) {
    params = buildParams(resourceType);
    cache.set(resourceType, params);
  }
  return params;
}

export function supportedSearchParams(resourceType: string): SupportedParam[] {
  return [...supportedParamMap(resourceType).values()];
}

/** Parameters whose values go into the index tables (everything but the column parameters). */
export function indexedParams(resourceType: string): SupportedParam[] {
  return supportedSearchParams(resourceType).filter((p) => p.details !== undefined);
}

function buildParams(resourceType: string): ReadonlyMap<string, SupportedParam> {
  const params = new Map<string, SupportedParam>(columnParams.map((p) => [p.code, p]));
  if (!isSupportedType(resourceType)) return params;
  loadFhirDefinitions();
  const definitions: Record<string, SearchParameter> = getSearchParameters(resourceType) ?? {};
  for (const [code, definition] of Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))) {
    const index = indexOf[definition.type ?? ''];
    if (!index || notOurs.has(code) || params.has(code) || !definition.expression || notOffered[resourceType]?.includes(code)) continue;
    params.set(code, {
      code,
      type: definition.type as SupportedParam['type'],
      index,
      url: definition.url ?? `http://hl7.org/fhir/SearchParameter/${definition.id ?? code}`,
      details: getSearchParameterDetails(resourceType, definition),
      targets: definition.target,
    });
  }
  return params;
}
