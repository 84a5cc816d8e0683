import type { Resource } from '@medplum/fhirtypes';
import type { Actor } from './actor.ts';
import type { Grant } from './grants.ts';
import type { SensitiveCategory } from './sensitivity.ts';
import { scopesPermit } from './smart-scopes.ts';
import { claimsCarerIdentity } from './carer-identity.ts';
import { directoryTypes } from '../fhir/resource-types.ts';
import { claimsEmergencyAccess, mayOpenInEmergency } from './emergency-access.ts';
import { decideRelationshipWrite } from './relationships.ts';

/**
 * The one access decision. Pure: no store, no Express, no clock of its own. Every read, search,
 * history, operation and write in record/ asks here first, so read and search cannot drift apart.
 * `grants` are the shares in force for this caller (record/ loads them fresh on every request).
 */
export type Action = 'read' | 'vread' | 'search' | 'history' | 'create' | 'update' | 'delete' | 'operation' | 'emergency-access';

/** What is being touched: a resource in a compartment ('' = the shared directory). */
export interface Target {
  resourceType: string;
  compartment: string;
  /**
   * Sensitive categories of the resource (reads of stored items); shares leave these out unless
   * included. For a version that records a deletion: those of the last content it had.
   */
  sensitivity?: readonly SensitiveCategory[];
  /** The resource (or this version of it) is deleted: not current, so not there for a share. */
  deleted?: boolean;
  /** The resource being written, for decisions that depend on what it says (a proposal, a note). */
  resource?: Resource;
}

export interface Decision {
  permit: boolean;
  /** Why, in words fit for an audit log; never shown as a reason that reveals a resource exists. */
  reason: string;
  /** The share that allowed it, when one did (`Consent/<id>`). */
  grant?: string;
  /** Allowed by an emergency ("break glass") access: the audit log says so. */
  emergency?: boolean;
  /** Plain words for a caller who can see the record but may not do this (shown with the 403). */
  explanation?: string;
}

/** Only the service writes audit records; nobody can add, change or remove one through the API. */
const serviceWrittenTypes = new Set(['AuditEvent']);

export function decide(actor: Actor, action: Action, target: Target, allGrants: readonly Grant[] = []): Decision {
  if (action === 'emergency-access') return decideEmergencyAccess(actor, target);
  if (action === 'history' || action === 'vread') {
    const versions = decideVersions(actor);
    if (!versions.permit) return versions;
  }
  if (target.compartment === '' && directoryTypes.has(target.resourceType)) return decideDirectory(actor, action);
  // Break glass opens a record to be read in an emergency by a clinician, never to be written.
  const grants = allGrants.filter((g) => !g.emergency || (!isWrite(action) && mayOpenInEmergency(actor)));
  if (serviceWrittenTypes.has(target.resourceType) && isWrite(action) && actor.kind !== 'system') {
    return deny('audit records are written by the service only');
  }
  // Who can see the record (shares, carers) is the person's to decide: relationships.ts.
  const relationship = isWrite(action) ? decideRelationshipWrite(actor, action as 'create' | 'update' | 'delete', target, grants) : undefined;
  if (relationship) return relationship;
  if (isWrite(action) && actor.kind !== 'system' && claimsCarerIdentity(target.resource)) {
    return deny('a carer is linked to a record only by accepting an invitation');
  }
  if (isWrite(action) && actor.kind !== 'system' && claimsEmergencyAccess(target.resource)) {
    return deny('emergency access is opened only through $emergency-access, by a clinician');
  }
  switch (actor.kind) {
    case 'anonymous':
      return deny('not signed in');
    case 'system':
      return { permit: true, reason: `service task: ${actor.purpose}` };
    case 'admin':
      return deny('administrators run the directory and do not read people’s records');
    case 'link':
      return target.compartment === actor.patientId && isReading(action)
        ? { permit: true, reason: `read through health link ${actor.linkId}` }
        : deny('a health link reads its own record only');
    case 'person':
      if (target.compartment === actor.patientId) return decideOwnRecord(action, target);
      return decideCarer(action, target, grants);
    case 'professional':
    case 'client':
      return decideShared(actor, action, target, grants);
  }
}

/**
 * Whether the caller may see versions other than the current one at all (history, vread). A rule
 * about the caller alone, so it can be decided before anything is looked up and reveal nothing.
 */
export function decideVersions(actor: Actor): Decision {
  switch (actor.kind) {
    case 'person':
      return { permit: true, reason: 'a person (or her carer) may see the versions of her record' };
    case 'system':
      return { permit: true, reason: `service task: ${actor.purpose}` };
    case 'professional':
    case 'client':
      return deny('professionals and hospital systems see current versions only: earlier versions and deletions are the person’s own business');
    case 'link':
      return deny('a health link shows the record as it is now');
    default:
      return deny('not signed in as someone who may read a record');
  }
}

/** "Break glass": a clinician or paramedic may open a person's emergency information without consent. */
function decideEmergencyAccess(actor: Actor, target: Target): Decision {
  if (target.compartment === '' || target.resourceType !== 'Patient') return deny('emergency access opens a person’s record');
  return mayOpenInEmergency(actor)
    ? { permit: true, reason: 'a clinician opened emergency information without consent (break the glass)' }
    : deny('only a clinician or paramedic may open a record in an emergency');
}

function decideDirectory(actor: Actor, action: Action): Decision {
  if (actor.kind === 'anonymous' || actor.kind === 'link') return deny('the directory is for people signed in');
  if (action === 'read' || action === 'vread' || action === 'search' || action === 'history') {
    return { permit: true, reason: 'directory entries are readable by everyone signed in' };
  }
  if (actor.kind === 'system') return { permit: true, reason: `service task: ${actor.purpose}` };
  return deny('only administrators change the directory, through /admin');
}

function decideOwnRecord(action: Action, target: Target): Decision {
  if (target.resourceType === 'Patient' && action === 'delete') {
    return deny('a person cannot delete her own Patient record through the FHIR API');
  }
  return { permit: true, reason: 'the person’s own record' };
}

/** Someone acting for another person: a carer or proxy, with the rights the person chose. */
function decideCarer(action: Action, target: Target, grants: readonly Grant[]): Decision {
  const needed = isReading(action) || action === 'history' || action === 'vread' ? 'read' : 'manage';
  const grant = matching(grants, target, (g) => g.actions.has(needed));
  if (!grant) return deny('not the person’s own record, and no carer arrangement allows it');
  if (target.resourceType === 'Patient' && action === 'delete') return deny('nobody can delete a person’s Patient record through the FHIR API');
  return { permit: true, reason: needed === 'read' ? 'carer with view rights' : 'carer managing the record', grant: grant.source };
}

/** Professionals and hospital systems: only what a share in force allows, and never history. */
function decideShared(actor: Extract<Actor, { kind: 'professional' | 'client' }>, action: Action, target: Target, grants: readonly Grant[]): Decision {
  if (actor.kind === 'client' && !scopesPermit(actor.scopes, target.resourceType, scopeLetter(action))) {
    return deny('the system’s access token does not include this');
  }
  if (isReading(action)) {
    if (target.deleted) return deny('a deleted item is not part of what is shared');
    const grant = matching(grants, target, (g) => g.actions.has('read'));
    if (!grant) return deny('not shared with the caller');
    if (grant.emergency) return { permit: true, reason: 'emergency access (break the glass)', grant: grant.source, emergency: true };
    return { permit: true, reason: 'shared with the caller', grant: grant.source };
  }
  if (action !== 'create' || actor.kind !== 'professional') return deny('shared records can be read, and added to only as notes or proposals');
  const any = grants.find((g) => g.patientId === target.compartment);
  if (!any) return deny('not shared with the caller');
  const resource = target.resource as { intent?: string; status?: string } | undefined;
  // The person is shown who proposed a change or wrote a summary: it must be the caller, never someone else.
  if ((target.resourceType === 'Composition' || target.resourceType === 'CarePlan') && !authoredByCaller(actor, target.resource)) {
    return { ...deny('the author named is not the caller'), explanation: 'Name yourself (your role, your name or your organisation) as the author, not someone else.' };
  }
  switch (target.resourceType) {
    case 'Flag':
    case 'Communication': {
      const grant = grants.find((g) => g.patientId === target.compartment && g.actions.has('add-notes'));
      return grant ? { permit: true, reason: 'adding a note or concern the person allowed', grant: grant.source } : deny('the person has not allowed notes from the caller');
    }
    case 'Composition':
      return actor.role === 'discharge-coordinator' || actor.role === 'clinician'
        ? { permit: true, reason: 'giving back a discharge summary', grant: any.source }
        : deny('only discharge coordinators and clinicians add discharge summaries');
    case 'CarePlan':
      return resource?.intent === 'proposal' && resource.status === 'draft' && (actor.role === 'discharge-coordinator' || actor.role === 'coordinator')
        ? { permit: true, reason: 'proposing a change to the support plan for the person to accept or decline', grant: any.source }
        : deny('professionals may only propose changes to a plan (intent proposal, status draft)');
    default:
      return deny('shared records can be read, and added to only as notes or proposals');
  }
}

/** Every author a resource names is the professional writing it (no author at all is left to the profile). */
function authoredByCaller(actor: Extract<Actor, { kind: 'professional' }>, resource: Resource | undefined): boolean {
  const raw = (resource as { author?: unknown } | undefined)?.author;
  const authors = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as { reference?: unknown }[];
  const caller = new Set([`PractitionerRole/${actor.practitionerRoleId}`, `Practitioner/${actor.practitionerId}`, `Organization/${actor.organizationId}`]);
  return authors.every((a) => typeof a?.reference === 'string' && caller.has(a.reference));
}

/** A grant for this record that covers this type, allows the action and includes every sensitive category of the item. */
function matching(grants: readonly Grant[], target: Target, allows: (g: Grant) => boolean): Grant | undefined {
  return grants.find(
    (g) =>
      g.patientId === target.compartment &&
      g.resourceTypes.has(target.resourceType) &&
      allows(g) &&
      (target.sensitivity ?? []).every((category) => g.sensitive.has(category)),
  );
}

const deny = (reason: string): Decision => ({ permit: false, reason });
const isWrite = (action: Action): boolean => action === 'create' || action === 'update' || action === 'delete';
const isReading = (action: Action): boolean => action === 'read' || action === 'search' || action === 'operation';

function scopeLetter(action: Action): 'c' | 'r' | 'u' | 'd' | 's' {
  switch (action) {
    case 'create':
      return 'c';
    case 'update':
      return 'u';
    case 'delete':
      return 'd';
    case 'search':
      return 's';
    default:
      return 'r';
  }
}
