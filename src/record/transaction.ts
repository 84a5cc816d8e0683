import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { FhirError } from '../fhir/errors.ts';
import { rewriteReferences } from '../fhir/references.ts';
import type { WriteResult } from '../store/store.ts';
import { commitAudited, type PreparedWrite } from './audit-trail.ts';
import type { RecordDeps } from './deps.ts';
import { prepareCreate, prepareDelete, prepareUpdate, type PendingResources } from './prepare-write.ts';
import { checkAllergyStatements } from './allergy-statements.ts';
import { read } from './reads.ts';
import { conditionalCreateFilters } from './conditional.ts';
import { parseEntryUrl } from './entry-url.ts';

/** What happened to one entry, for the transaction-response / batch-response Bundle. */
export type EntryOutcome =
  | { kind: 'written'; result: WriteResult }
  | { kind: 'read'; resource: Resource }
  | { kind: 'failed'; error: FhirError };

/**
 * A transaction Bundle is all-or-nothing: every write is prepared (validated, access-checked,
 * references resolved) first, then the store commits them in one database transaction.
 * urn:uuid fullUrls are given server ids up front and every reference to them is rewritten.
 */
export async function transaction(deps: RecordDeps, actor: Actor, bundle: Bundle): Promise<EntryOutcome[]> {
  const entries = entriesOf(bundle);
  const ids = assignIds(deps, entries);
  const pending: PendingResources = new Map();
  const writes: Array<{ index: number; write: PreparedWrite }> = [];
  const readsAfter: number[] = [];

  // FHIR's processing order: deletes, then creates, then updates, then reads.
  for (const method of ['DELETE', 'POST', 'PUT'] as const) {
    for (const [index, entry] of entries.entries()) {
      if (entry.request?.method !== method) continue;
      const write = await atEntry(index, () => prepareEntry(deps, actor, entry, ids, pending));
      if (write.kind === 'create') pending.set(`${write.resource.resourceType}/${write.resource.id}`, write.compartment);
      writes.push({ index, write });
    }
  }
  for (const [index, entry] of entries.entries()) {
    const method = entry.request?.method;
    if (method === 'GET') readsAfter.push(index);
    else if (method !== 'DELETE' && method !== 'POST' && method !== 'PUT') {
      throw new FhirError('bad-request', `Entry ${index + 1} needs request.method GET, POST, PUT or DELETE.`);
    }
  }

  await checkAllergyStatements(deps, writes.map((w) => w.write));
  const results = await commitAudited(deps, actor, writes.map((w) => w.write));
  const outcomes = new Array<EntryOutcome>(entries.length);
  for (const [i, w] of writes.entries()) outcomes[w.index] = { kind: 'written', result: results[i]! };
  for (const index of readsAfter) {
    outcomes[index] = { kind: 'read', resource: await atEntry(index, () => readEntry(deps, actor, entries[index]!)) };
  }
  return outcomes;
}

/** A batch Bundle: each entry succeeds or fails on its own, in its own database transaction. */
export async function batch(deps: RecordDeps, actor: Actor, bundle: Bundle): Promise<EntryOutcome[]> {
  const outcomes: EntryOutcome[] = [];
  for (const entry of entriesOf(bundle)) {
    try {
      if (entry.request?.method === 'GET') {
        outcomes.push({ kind: 'read', resource: await readEntry(deps, actor, entry) });
        continue;
      }
      if (!entry.request?.method || !['POST', 'PUT', 'DELETE'].includes(entry.request.method)) {
        throw new FhirError('bad-request', 'Each entry needs request.method GET, POST, PUT or DELETE.');
      }
      const write = await prepareEntry(deps, actor, entry, new Map(), new Map());
      await checkAllergyStatements(deps, [write]);
      const [result] = await commitAudited(deps, actor, [write]);
      outcomes.push({ kind: 'written', result: result! });
    } catch (err) {
      if (!(err instanceof FhirError)) throw err;
      outcomes.push({ kind: 'failed', error: err });
    }
  }
  return outcomes;
}

/**
 * The entries of a Bundle a caller sent, each checked to be an object (with an object request and
 * resource) before anything reads it: `entry: [null]` is a malformed Bundle, not a failure of ours.
 */
function entriesOf(bundle: Bundle): BundleEntry[] {
  const entries: unknown = bundle.entry ?? [];
  if (!Array.isArray(entries)) throw malformed('Bundle.entry', 'Bundle.entry must be a list of entries.');
  entries.forEach((entry: unknown, index) => {
    if (!isObject(entry)) throw malformed(`Bundle.entry[${index}]`, `Entry ${index + 1} must be an object with a request (and a resource to write).`);
    for (const part of ['request', 'resource'] as const) {
      const value = (entry as Record<string, unknown>)[part];
      if (value !== undefined && !isObject(value)) throw malformed(`Bundle.entry[${index}].${part}`, `Entry ${index + 1}: ${part} must be an object.`);
    }
  });
  return entries as BundleEntry[];
}

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

function malformed(expression: string, text: string): FhirError {
  return new FhirError('bad-request', text, [{ severity: 'error', code: 'structure', expression: [expression], details: { text } }]);
}

function assignIds(deps: RecordDeps, entries: BundleEntry[]): Map<string, { resourceType: string; id: string }> {
  const ids = new Map<string, { resourceType: string; id: string }>();
  for (const entry of entries) {
    if (entry.request?.method === 'POST' && entry.resource && entry.fullUrl?.startsWith('urn:uuid:')) {
      if (ids.has(entry.fullUrl)) throw new FhirError('bad-request', `The fullUrl ${entry.fullUrl} is used by more than one entry.`);
      ids.set(entry.fullUrl, { resourceType: entry.resource.resourceType, id: deps.newId() });
    }
  }
  for (const entry of entries) {
    if (entry.resource) {
      rewriteReferences(entry.resource, (reference) => {
        const target = ids.get(reference);
        return target ? `${target.resourceType}/${target.id}` : undefined;
      });
    }
  }
  return ids;
}

async function prepareEntry(
  deps: RecordDeps,
  actor: Actor,
  entry: BundleEntry,
  ids: Map<string, { id: string }>,
  pending: PendingResources,
): Promise<PreparedWrite> {
  const method = entry.request?.method;
  const address = parseEntryUrl(entry.request?.url);
  if (method === 'DELETE') {
    if (!address.id) throw new FhirError('bad-request', 'A DELETE entry needs request.url Type/id.');
    return prepareDelete(deps, actor, address.resourceType, address.id, entry.request?.ifMatch);
  }
  const resource = entry.resource;
  if (!resource) throw new FhirError('bad-request', `A ${method} entry needs a resource.`);
  if (method === 'POST') {
    const ifNoneExist = entry.request?.ifNoneExist
      ? conditionalCreateFilters(actor, resource.resourceType, entry.request.ifNoneExist, deps.searchLimits)
      : undefined;
    const id = entry.fullUrl ? ids.get(entry.fullUrl)?.id : undefined;
    return prepareCreate(deps, actor, { resource, ifNoneExist }, pending, id);
  }
  if (!address.id) throw new FhirError('bad-request', 'A PUT entry needs request.url Type/id.');
  return prepareUpdate(deps, actor, address.resourceType, address.id, resource, entry.request?.ifMatch, pending);
}

async function readEntry(deps: RecordDeps, actor: Actor, entry: BundleEntry): Promise<Resource> {
  const address = parseEntryUrl(entry.request?.url);
  if (!address.id) throw new FhirError('bad-request', 'Only reads of one resource (Type/id) are supported inside a Bundle.');
  return (await read(deps, actor, address.resourceType, address.id)).resource;
}

/** Errors inside a transaction say which entry failed, so a person or client can find it. */
async function atEntry<T>(index: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof FhirError)) throw err;
    const issues = err.issues.map((issue) => ({
      ...issue,
      expression: (issue.expression ?? []).map((e) => `Bundle.entry[${index}].resource.${e}`),
      details: { text: `Entry ${index + 1}: ${issue.details?.text ?? err.message}` },
    }));
    throw new FhirError(err.code, `Entry ${index + 1}: ${err.message}`, issues);
  }
}
