import type { Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { decide, decideVersions, type Decision } from '../access/decide.ts';
import type { Grant } from '../access/grants.ts';
import { historyScope } from '../access/search-scope.ts';
import type { Interaction } from '../audit/build-audit-event.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import type { HistoryEntry, HistoryPage, Scope } from '../store/store.ts';
import { isRecordedAccess, recordAccess } from './audit-trail.ts';
import type { RecordDeps } from './deps.ts';
import { loadGrants } from './load-grants.ts';
import { supportedType } from './supported-type.ts';
import { versionKey, versionSensitivity } from './version-sensitivity.ts';

export interface HistoryRequest {
  resourceType?: string;
  id?: string;
  since?: Date;
  count: number;
  offset: number;
}

/**
 * Versions a carer's history may have to sift: a person's record holds hundreds of versions; the
 * bound only stops a runaway. Past it, the oldest versions are not shown to carers.
 */
const siftLimit = 10_000;

/**
 * History (instance, type, system): every version goes through decide() on its own content — a
 * deletion on the last content it had — and what the caller may not see is left out before the
 * page is cut, so `total` and the paging links count only what she may see.
 */
export async function history(deps: RecordDeps, actor: Actor, request: HistoryRequest): Promise<HistoryPage> {
  const { resourceType, id } = request;
  if (resourceType !== undefined) supportedType(resourceType);
  await requireVersionsAllowed(deps, actor, 'history', resourceType, id);
  if (resourceType !== undefined && id !== undefined) return instanceHistory(deps, actor, { ...request, resourceType, id });
  const grants = await loadGrants(deps, actor);
  const page = await decidedPage(deps, actor, grants, request, historyScope(actor, resourceType, grants));
  await recordShown(deps, actor, grants, page.entries, 'history-type');
  return page;
}

/** Professionals, hospital systems and health links see current versions only: refused before anything is looked up. */
export async function requireVersionsAllowed(
  deps: RecordDeps,
  actor: Actor,
  what: 'history' | 'vread',
  resourceType?: string,
  id?: string,
): Promise<void> {
  const decision = decideVersions(actor);
  if (decision.permit) return;
  const existing = resourceType !== undefined && id !== undefined ? await deps.store.read(resourceType, id) : undefined;
  if (existing) {
    const interaction: Interaction = what === 'vread' ? 'vread' : 'history-instance';
    await recordAccess(deps, actor, { patientId: existing.compartment, interaction, entities: [`${resourceType}/${id}`], decision });
  }
  throw new FhirError(
    'forbidden',
    what === 'vread'
      ? 'Earlier versions are kept for the person and her carers only. Read the current version instead (without /_history/…).'
      : 'The history of a record (earlier versions and deletions) is kept for the person and her carers only. ' +
        'Read or search the current versions instead.',
  );
}

async function instanceHistory(deps: RecordDeps, actor: Actor, request: HistoryRequest & { resourceType: string; id: string }): Promise<HistoryPage> {
  const current = await deps.store.read(request.resourceType, request.id);
  if (!current) throw notFound(request.resourceType, request.id);
  const grants = await loadGrants(deps, actor, current.compartment);
  const page = await decidedPage(deps, actor, grants, request, { compartments: [current.compartment] });
  if (page.total === 0 && !(await seesAnyVersion(deps, actor, grants, request, current.compartment))) {
    // No version she may see: as if it did not exist (a refused attempt goes in the person's log).
    const decision: Decision = { permit: false, reason: 'no version of it is open to the caller' };
    const entities = [`${request.resourceType}/${request.id}`];
    await recordAccess(deps, actor, { patientId: current.compartment, interaction: 'history-instance', entities, decision });
    throw notFound(request.resourceType, request.id);
  }
  await recordShown(deps, actor, grants, page.entries, 'history-instance');
  return page;
}

/** With `_since` or an offset a page can be empty although she may see the resource: ask without them. */
async function seesAnyVersion(deps: RecordDeps, actor: Actor, grants: readonly Grant[], request: HistoryRequest, compartment: string) {
  if (request.since === undefined && request.offset === 0) return false;
  const all = { resourceType: request.resourceType, id: request.id, count: 1, offset: 0 };
  return (await decidedPage(deps, actor, grants, all, { compartments: [compartment] })).total > 0;
}

/**
 * One page of versions the caller may see. Within her own record (or for the service) every
 * version is hers, and the store pages in SQL; through a carer arrangement, the versions are
 * sifted first and the page cut after, so nothing left out is counted.
 */
async function decidedPage(deps: RecordDeps, actor: Actor, grants: readonly Grant[], request: HistoryRequest, scope: Scope): Promise<HistoryPage> {
  const query = { ...request, scope };
  if (!sifts(actor, scope)) {
    const page = await deps.store.history(query);
    const entries = await visibleEntries(deps, actor, grants, page.entries);
    return { entries, total: page.total - (page.entries.length - entries.length) };
  }
  const all = await deps.store.history({ ...query, count: siftLimit, offset: 0 });
  const visible = await visibleEntries(deps, actor, grants, all.entries);
  return { entries: visible.slice(request.offset, request.offset + request.count), total: visible.length };
}

/** Whether the scope reaches into someone else's record, where versions are decided one by one before paging. */
function sifts(actor: Actor, scope: Scope): boolean {
  if (scope === 'everything') return false;
  if ((scope.parts?.length ?? 0) > 0) return true;
  return scope.compartments.some((c) => isRecordedAccess(actor, c));
}

async function visibleEntries(deps: RecordDeps, actor: Actor, grants: readonly Grant[], entries: readonly HistoryEntry[]): Promise<HistoryEntry[]> {
  const loaded = new Map<string, Resource>();
  for (const e of entries) if (e.resource) loaded.set(versionKey(e.resourceType, e.id, e.versionId), e.resource);
  const shown: HistoryEntry[] = [];
  for (const entry of entries) {
    const deleted = entry.method === 'DELETE';
    const facts = { ...entry, deleted };
    const sensitivity = await versionSensitivity(deps, facts, grants, loaded);
    const target = { resourceType: entry.resourceType, compartment: entry.compartment, sensitivity, deleted };
    if (decide(actor, 'history', target, grants).permit) shown.push(entry);
  }
  return shown;
}

/** One access record per other person's record the page showed versions of. */
async function recordShown(
  deps: RecordDeps,
  actor: Actor,
  grants: readonly Grant[],
  shown: readonly HistoryEntry[],
  interaction: Interaction,
): Promise<void> {
  const byCompartment = new Map<string, string[]>();
  for (const e of shown) {
    if (!isRecordedAccess(actor, e.compartment)) continue;
    byCompartment.set(e.compartment, [...(byCompartment.get(e.compartment) ?? []), `${e.resourceType}/${e.id}`]);
  }
  for (const [patientId, entities] of byCompartment) {
    const grant = grants.find((g) => g.patientId === patientId);
    const decision: Decision = { permit: true, reason: 'carer reading the history of the record', ...(grant ? { grant: grant.source } : {}) };
    await recordAccess(deps, actor, { patientId, interaction, entities: [...new Set(entities)], decision });
  }
}
