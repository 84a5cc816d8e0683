import type { Consent, Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { Decision } from '../access/decide.ts';
import { breakTheGlass } from '../access/emergency-access.ts';
import { buildAuditEvent, type Interaction } from '../audit/build-audit-event.ts';
import { changesAName, nameOf } from './actor-names.ts';
import { directoryCompartment } from '../fhir/compartment.ts';
import type { Write, WriteGrounds, WriteResult } from '../store/store.ts';
import type { ConsentChange, RecordDeps } from './deps.ts';

/** `before`: what an update or delete replaces, so those who must be told can be told what changed. */
export type PreparedWrite = Write & { grounds: WriteGrounds; before?: Resource };

/**
 * Every change is recorded with an AuditEvent in the same database transaction, so there is no
 * change without its record and no record of a change that did not happen. Reads by anyone but
 * the person herself are recorded before the answer leaves. The person's own reads are not: they
 * would fill her log with herself. Health-link reads have their own access log.
 */
export async function commitAudited(deps: RecordDeps, actor: Actor, writes: readonly PreparedWrite[]): Promise<WriteResult[]> {
  const byCompartment = new Map<string, PreparedWrite[]>();
  for (const write of writes) {
    const compartment = write.compartment ?? directoryCompartment;
    if (compartment === directoryCompartment) continue; // the directory is nobody's record; admin changes go to the service log
    byCompartment.set(compartment, [...(byCompartment.get(compartment) ?? []), write]);
  }
  const names = byCompartment.size > 0 ? await nameOf(deps, actor) : undefined;
  const recorded = deps.clock().toISOString();
  const auditWrites: Write[] = [...byCompartment].flatMap(([patientId, changes]) =>
    interactionsOf(changes).map(([interaction, group]) => {
      const event = buildAuditEvent({
        patientId,
        interaction,
        entities: group.map(referenceOf),
        outcome: 'success',
        reason: group[0]!.grounds.reason,
        ...(group[0]!.grounds.grant ? { grant: group[0]!.grounds.grant } : {}),
        ...(group[0]!.grounds.emergency ? { purpose: breakTheGlass } : {}),
        ...names!,
        recorded,
      });
      return { kind: 'create' as const, resource: { ...event, id: deps.newId() }, compartment: patientId };
    }),
  );
  const results = (await deps.store.commit([...writes, ...auditWrites], deps.clock())).slice(0, writes.length);
  // A change to a name the log copies: the next events say the new one (actor-names.ts).
  if (writes.some(changesAName)) deps.actorNames?.clear();
  await tellEvents(deps, actor, writes, results);
  return results;
}

/** After the commit, so nothing is announced that did not happen. */
async function tellEvents(deps: RecordDeps, actor: Actor, writes: readonly PreparedWrite[], results: readonly WriteResult[]): Promise<void> {
  if (!deps.events) return;
  for (const [i, result] of results.entries()) {
    const write = writes[i]!;
    const change = consentChangeOf(write, result);
    if (change) await deps.events.consentChanged(change);
    if (write.grounds.grant && write.compartment) await deps.events.grantUsed(write.compartment, write.grounds.grant, actor);
    if (result.outcome === 'created' && actor.kind === 'professional' && write.compartment) await deps.events.addedByProfessional(write.compartment, result.stored.resource, actor);
  }
}

/** A share or carer arrangement made, changed or deleted: what it was, what it is, and the version that did it. */
function consentChangeOf(write: PreparedWrite, result: WriteResult): ConsentChange | undefined {
  if ((result.outcome === 'created' || result.outcome === 'updated') && result.stored.resourceType === 'Consent') {
    return { after: result.stored.resource as Consent, ...(write.before ? { before: write.before as Consent } : {}), version: result.stored.versionId };
  }
  if (result.outcome === 'deleted' && result.resourceType === 'Consent' && write.before) {
    return { before: write.before as Consent, version: result.versionId };
  }
  return undefined;
}

/** An access (or a refused attempt) by someone other than the person: stored before the answer goes out. */
export async function recordAccess(
  deps: RecordDeps,
  actor: Actor,
  access: { patientId: string; interaction: Interaction; operation?: string; entities: readonly string[]; decision: Decision },
): Promise<void> {
  if (!isRecordedAccess(actor, access.patientId)) return;
  const event = buildAuditEvent({
    patientId: access.patientId,
    interaction: access.interaction,
    ...(access.operation ? { operation: access.operation } : {}),
    entities: access.entities,
    outcome: access.decision.permit ? 'success' : 'denied',
    reason: access.decision.reason,
    ...(access.decision.grant ? { grant: access.decision.grant } : {}),
    ...(access.decision.emergency ? { purpose: breakTheGlass } : {}),
    ...(await nameOf(deps, actor)),
    recorded: deps.clock().toISOString(),
  });
  const write: Write = { kind: 'create', resource: { ...event, id: deps.newId() }, compartment: access.patientId };
  // Committed before the answer leaves; reads at the same moment share the commit (access-log-writer.ts).
  await (deps.accessLog ? deps.accessLog.write(write) : deps.store.commit([write], deps.clock()));
  // An emergency access is not a share she made: its own notice was given when it was opened.
  if (access.decision.permit && access.decision.grant && !access.decision.emergency) await deps.events?.grantUsed(access.patientId, access.decision.grant, actor);
}

export function isRecordedAccess(actor: Actor, patientId: string): boolean {
  if (patientId === directoryCompartment) return false;
  switch (actor.kind) {
    case 'person':
      return actor.patientId !== patientId;
    case 'professional':
    case 'client':
    case 'admin':
    case 'anonymous':
      return true;
    default:
      return false;
  }
}


function interactionsOf(changes: PreparedWrite[]): Array<[Interaction, PreparedWrite[]]> {
  const groups = new Map<Interaction, PreparedWrite[]>();
  for (const change of changes) groups.set(change.kind, [...(groups.get(change.kind) ?? []), change]);
  return [...groups];
}

function referenceOf(write: PreparedWrite): string {
  return write.kind === 'delete' ? `${write.resourceType}/${write.id}` : `${write.resource.resourceType}/${write.resource.id}`;
}

