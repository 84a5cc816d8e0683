import type { Actor } from './actor.ts';
import { directoryTypes } from '../fhir/resource-types.ts';
import type { Scope } from '../store/store.ts';

/**
 * The one access decision. Pure: no store, no Express, no clock of its own. Every read, search,
 * history, operation and write in record/ asks here first, so read and search cannot drift apart.
 * The sharing issue extends it with professionals, carers and consents.
 */
export type Action = 'read' | 'search' | 'history' | 'create' | 'update' | 'delete' | 'operation';

/** What is being touched: a resource in a compartment ('' = the shared directory). */
export interface Target {
  resourceType: string;
  compartment: string;
}

export interface Decision {
  permit: boolean;
  /** Why, in words fit for an audit log; never shown as a reason that reveals a resource exists. */
  reason: string;
}


/** Only the service writes audit records; nobody can add, change or remove one through the API. */
const serviceWrittenTypes = new Set(['AuditEvent']);

export function decide(actor: Actor, action: Action, target: Target): Decision {
  switch (actor.kind) {
    case 'anonymous':
      return { permit: false, reason: 'not signed in' };
    case 'system':
      return { permit: true, reason: `service task: ${actor.purpose}` };
    case 'person':
      return decideForPerson(actor.patientId, action, target);
    case 'professional':
    case 'client':
    case 'admin':
      return { permit: false, reason: 'nothing has been shared with this caller' };
    case 'link':
      return target.compartment === actor.patientId && (action === 'read' || action === 'search' || action === 'operation')
        ? { permit: true, reason: `read through health link ${actor.linkId}` }
        : { permit: false, reason: 'a health link reads its own record only' };
  }
}

function decideForPerson(patientId: string, action: Action, target: Target): Decision {
  if (target.compartment === '' && directoryTypes.has(target.resourceType)) {
    return action === 'read' || action === 'search'
      ? { permit: true, reason: 'directory entries are readable by everyone signed in' }
      : { permit: false, reason: 'only the service changes the directory' };
  }
  if (target.compartment !== patientId) {
    return { permit: false, reason: 'not the person’s own record' };
  }
  if (serviceWrittenTypes.has(target.resourceType) && isWrite(action)) {
    return { permit: false, reason: 'audit records are written by the service only' };
  }
  if (target.resourceType === 'Patient' && action === 'delete') {
    return { permit: false, reason: 'a person cannot delete her own Patient record through the FHIR API' };
  }
  return { permit: true, reason: 'the person’s own record' };
}

/** Which compartments a search or history query may touch, enforced by the store in SQL. */
export function searchScope(actor: Actor, resourceType: string | undefined): Scope {
  switch (actor.kind) {
    case 'anonymous':
      return { compartments: [] };
    case 'system':
      return 'everything';
    case 'person':
      return resourceType !== undefined && directoryTypes.has(resourceType)
        ? { compartments: [''] }
        : { compartments: [actor.patientId] };
    case 'link':
      return { compartments: [actor.patientId] };
    case 'professional':
    case 'client':
    case 'admin':
      return { compartments: [] };
  }
}

const isWrite = (action: Action): boolean => action === 'create' || action === 'update' || action === 'delete';
