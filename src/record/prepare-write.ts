import type { Resource } from '@medplum/fhirtypes';
import { claimsCarerIdentity } from '../access/carer-identity.ts';
import { consentProblems } from '../access/consent-rules.ts';
import { withVerificationKept } from '../access/identity.ts';
import type { Actor } from '../access/actor.ts';
import { compartmentOf, directoryCompartment } from '../fhir/compartment.ts';
import { FhirError } from '../fhir/errors.ts';
import { findReferences, parseRelativeReference } from '../fhir/references.ts';
import { isRecordType } from '../fhir/resource-types.ts';
import type { Write, WriteGrounds } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';
import { requirePermitted, requireVisible } from './guard.ts';
import { supportedType } from './supported-type.ts';
import { requireShareRate } from './share-rate.ts';

/**
 * Resources created earlier in the same transaction Bundle, by `Type/id`, with their compartment:
 * they may be referred to before they are stored.
 */
export type PendingResources = Map<string, string>;

export interface CreateRequest {
  resource: Resource;
  /** Conditional create: filters already parsed from If-None-Exist, scoped to what the caller may see. */
  ifNoneExist?: NonNullable<Extract<Write, { kind: 'create' }>['ifNoneExist']>;
}

export async function prepareCreate(
  deps: RecordDeps,
  actor: Actor,
  request: CreateRequest,
  pending: PendingResources,
  id: string = deps.newId(),
): Promise<Write & { kind: 'create'; grounds: WriteGrounds }> {
  supportedType(request.resource.resourceType);
  const resource = identityAsTheServiceKeepsIt(actor, undefined, withoutServerMeta({ ...request.resource, id }));
  const compartment = compartmentOf(resource);
  const grounds = await requirePermitted(deps, actor, 'create', resource.resourceType, compartment, resource);
  validate(deps, resource);
  await checkReferences(deps, resource, compartment, pending);
  if (actor.kind !== 'system') await requireShareRate(deps, resource, compartment);
  return { kind: 'create', resource, compartment, ifNoneExist: request.ifNoneExist, grounds };
}

export async function prepareUpdate(
  deps: RecordDeps,
  actor: Actor,
  resourceType: string,
  id: string,
  body: Resource,
  ifMatch: string | undefined,
  pending: PendingResources,
): Promise<Write & { kind: 'update'; grounds: WriteGrounds; before?: Resource }> {
  supportedType(resourceType);
  if (body.resourceType !== resourceType) {
    throw new FhirError('bad-request', `The body is a ${body.resourceType ?? 'resource of no type'}, but the address is for a ${resourceType}.`);
  }
  if (body.id !== id) {
    throw new FhirError('bad-request', `The id in the body (${body.id ?? 'none'}) must match the id in the address (${id}).`);
  }
  const current = await requireVisible(deps, actor, 'update', resourceType, id, await deps.store.read(resourceType, id));
  const resource = identityAsTheServiceKeepsIt(actor, current.deleted ? undefined : current.resource, withoutServerMeta({ ...body, id }));
  const compartment = compartmentOf(resource);
  if (compartment !== current.compartment) {
    throw new FhirError('invalid', `A ${resourceType} cannot be moved to another person's record.`);
  }
  // A carer's link is judged by what it was too: taking her account id off would unlink her silently.
  if (!current.deleted && claimsCarerIdentity(current.resource)) await requirePermitted(deps, actor, 'update', resourceType, compartment, current.resource);
  const grounds = await requirePermitted(deps, actor, 'update', resourceType, compartment, resource);
  validate(deps, resource);
  await checkReferences(deps, resource, compartment, pending);
  return { kind: 'update', resource, compartment, ifMatch, grounds, ...(current.deleted ? {} : { before: current.resource }) };
}

export async function prepareDelete(
  deps: RecordDeps,
  actor: Actor,
  resourceType: string,
  id: string,
  ifMatch: string | undefined,
): Promise<Write & { kind: 'delete'; grounds: WriteGrounds; before?: Resource }> {
  supportedType(resourceType);
  const current = await requireVisible(deps, actor, 'delete', resourceType, id, await deps.store.read(resourceType, id));
  // With what is being deleted, so a share or a carer's link is judged by what it is.
  const grounds = await requirePermitted(deps, actor, 'delete', resourceType, current.compartment, current.deleted ? undefined : current.resource);
  return { kind: 'delete', resourceType, id, ifMatch, compartment: current.compartment, grounds, ...(current.deleted ? {} : { before: current.resource }) };
}

function validate(deps: RecordDeps, resource: Resource): void {
  // A share may say only what decide() enforces (access/consent-rules.ts); the rest is refused here.
  const issues = [...deps.validator.validate(resource), ...(resource.resourceType === 'Consent' ? consentProblems(resource) : [])];
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length > 0) {
    const first = errors[0]?.details?.text;
    const summary = errors.length === 1 && first ? first : `This ${resource.resourceType} has ${errors.length} problems to fix.`;
    throw new FhirError('invalid', summary, issues);
  }
}

/** The store sets versionId and lastUpdated; what a client sends there is ignored, as FHIR says. */
function withoutServerMeta<T extends Resource & { id: string }>(resource: T): T {
  if (!resource.meta) return resource;
  const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta;
  const copy = { ...resource };
  if (Object.keys(meta).length > 0) copy.meta = meta;
  else delete copy.meta;
  return copy;
}

/**
 * A person's resource may point only into her own record (or at directory entries). A reference to
 * another record, or to nothing, gets the same answer, so the check cannot be used to probe.
 */
async function checkReferences(deps: RecordDeps, resource: Resource & { id: string }, compartment: string, pending: PendingResources): Promise<void> {
  for (const { path, reference } of findReferences(resource)) {
    const target = parseRelativeReference(reference);
    if (!target || !isRecordType(target.resourceType)) continue;
    const key = `${target.resourceType}/${target.id}`;
    const targetCompartment =
      target.resourceType === 'Patient' && target.id === compartment
        ? compartment
        : (pending.get(key) ?? (await liveCompartment(deps, target.resourceType, target.id)));
    if (targetCompartment !== compartment && targetCompartment !== directoryCompartment) {
      const text = `${path} refers to ${key}, which is not in this person's record. Refer only to entries in the same record.`;
      throw new FhirError('invalid', text, [{ severity: 'error', code: 'invalid', expression: [path], details: { text } }]);
    }
  }
}

async function liveCompartment(deps: RecordDeps, resourceType: string, id: string): Promise<string | undefined> {
  const version = await deps.store.read(resourceType, id);
  return version && !version.deleted ? version.compartment : undefined;
}

/** A Patient's NHS number verification is the service's to say (access/identity.ts), never the writer's. */
function identityAsTheServiceKeepsIt<T extends Resource & { id: string }>(actor: Actor, before: Resource | undefined, resource: T): T {
  if (resource.resourceType !== 'Patient' || actor.kind === 'system') return resource;
  return withVerificationKept(before?.resourceType === 'Patient' ? before : undefined, resource) as T;
}
