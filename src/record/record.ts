import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { buildRedBag } from '../summary/build-red-bag.ts';
import { ipsToTransaction } from '../summary/ips-to-transaction.ts';
import type { Actor } from '../access/actor.ts';
import type { HistoryPage, StoredResource, WriteResult } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';
import { decide, type Decision } from '../access/decide.ts';
import type { Issuing } from '../access/issuing.ts';
import { decideRelationshipChange, type RelationshipChange } from '../access/relationships.ts';
import { partToSign, requireIssuing, summaryToSign } from './issuing.ts';
import { loadGrants } from './load-grants.ts';
import { everything, read, vread } from './reads.ts';
import { history, type HistoryRequest } from './history.ts';
import { search, type SearchQuery, type SearchResult } from './search.ts';
import { batch, transaction, type EntryOutcome } from './transaction.ts';
import { create, remove, update } from './writes.ts';
import { findForEmergency, openEmergencyAccess } from './emergency.ts';
import type { EmergencyAccess } from '../access/emergency-access.ts';
import { coverageOf, type Coverage } from '../access/share-coverage.ts';
import { accessLogWriter } from './access-log-writer.ts';
import { ActorNames } from './actor-names.ts';
import { notFound } from '../fhir/errors.ts';

/**
 * The record: the ONLY way to the store. Every use case here decides access (access/), validates
 * (profiles/) and then stores; HTTP, the demo loader, sign-up and later the summary and cards all
 * come through it.
 */
export interface HealthRecord {
  read(actor: Actor, resourceType: string, id: string): Promise<StoredResource>;
  vread(actor: Actor, resourceType: string, id: string, versionId: string): Promise<StoredResource>;
  search(actor: Actor, resourceType: string, query: SearchQuery): Promise<SearchResult>;
  history(actor: Actor, request: HistoryRequest): Promise<HistoryPage>;
  everything(actor: Actor, patientId: string): Promise<StoredResource[]>;
  create(actor: Actor, resource: Resource, ifNoneExist?: string): Promise<WriteResult>;
  update(actor: Actor, resourceType: string, id: string, resource: Resource, ifMatch?: string): Promise<WriteResult>;
  delete(actor: Actor, resourceType: string, id: string, ifMatch?: string): Promise<WriteResult>;
  transaction(actor: Actor, bundle: Bundle): Promise<EntryOutcome[]>;
  batch(actor: Actor, bundle: Bundle): Promise<EntryOutcome[]>;
  /** Adds the allergies, problems and medicines of a summary made elsewhere (IPS document) to a record, all or nothing. */
  importSummary(actor: Actor, patientId: string, document: Bundle): Promise<EntryOutcome[]>;
  /** The Red Bag summary (IPS-shaped document) of a record, built only from what the caller may see. */
  summary(actor: Actor, patientId: string, baseUrl: string): Promise<Bundle>;
  /** "Break glass": a clinician opens a person's emergency information for 60 minutes, read only (a Consent in her record). */
  openEmergencyAccess(actor: Actor, patientId: string, reason: string): Promise<EmergencyAccess>;
  /** Finds the record an emergency is about by NHS number and date of birth (clinicians only; both must match). */
  findForEmergency(actor: Actor, nhsNumber: string, birthDate: string): Promise<string>;
  /** What the caller's access to this record covers now (404 when she has none): a check, nothing is logged. */
  coverage(actor: Actor, patientId: string): Promise<Coverage>;
  /** Whether the caller may see this person's record at all now (a check, not a read: nothing is logged). */
  maySee(actor: Actor, patientId: string): Promise<boolean>;
  /** The summary a card or printout is signed from: only the person or a carer managing it, and only from a whole view. */
  summaryToSign(actor: Actor, patientId: string, baseUrl: string, operation: string): Promise<Bundle>;
  /** Only these types of her record, as $everything gives them (a card reads only the sections it shows). */
  partOf(actor: Actor, patientId: string, types: readonly string[], operation: string): Promise<StoredResource[]>;
  /** The same for a card or printout to be signed: access as summaryToSign. */
  partToSign(actor: Actor, patientId: string, types: readonly string[], operation: string): Promise<StoredResource[]>;
  /** Throws (403 or 404) unless the caller may make, see or stop this person's cards or links (access/issuing.ts). */
  requireIssuing(actor: Actor, patientId: string, what: Issuing, operation: string): Promise<void>;
  /** Whether the caller may change who can see this record in this way (access/relationships.ts). */
  decideRelationship(actor: Actor, patientId: string, change: RelationshipChange): Promise<Decision>;
  /** Whether the caller may change this person's record (she, or a carer who manages it): a check, nothing is logged. */
  mayChange(actor: Actor, patientId: string): Promise<boolean>;
}

export function createRecord(given: RecordDeps): HealthRecord {
  const deps: RecordDeps = { ...given, accessLog: given.accessLog ?? accessLogWriter(given.store, given.clock), actorNames: given.actorNames ?? new ActorNames() };
  return {
    read: (actor, type, id) => read(deps, actor, type, id),
    vread: (actor, type, id, versionId) => vread(deps, actor, type, id, versionId),
    search: (actor, type, query) => search(deps, actor, type, query),
    history: (actor, request) => history(deps, actor, request),
    everything: (actor, patientId) => everything(deps, actor, patientId),
    create: (actor, resource, ifNoneExist) => create(deps, actor, resource, ifNoneExist),
    update: (actor, type, id, resource, ifMatch) => update(deps, actor, type, id, resource, ifMatch),
    delete: (actor, type, id, ifMatch) => remove(deps, actor, type, id, ifMatch),
    transaction: (actor, bundle) => transaction(deps, actor, bundle),
    batch: (actor, bundle) => batch(deps, actor, bundle),
    summary: async (actor, patientId, baseUrl) => {
      const resources = (await everything(deps, actor, patientId, '$summary')).map((stored) => stored.resource);
      const patient = resources.find((r) => r.resourceType === 'Patient' && r.id === patientId) as Patient;
      return buildRedBag({ patient, resources, now: deps.clock(), baseUrl, summaryId: deps.newId() });
    },
    openEmergencyAccess: (actor, patientId, reason) => openEmergencyAccess(deps, actor, patientId, reason),
    findForEmergency: (actor, nhsNumber, birthDate) => findForEmergency(deps, actor, nhsNumber, birthDate),
    coverage: async (actor, patientId) => {
      const coverage = coverageOf(actor, patientId, await loadGrants(deps, actor, patientId));
      if (!coverage || !(await deps.store.read('Patient', patientId))) throw notFound('Patient', patientId);
      return coverage;
    },
    maySee: async (actor, patientId) => decide(actor, 'read', { resourceType: 'Patient', compartment: patientId }, await loadGrants(deps, actor, patientId)).permit,
    summaryToSign: (actor, patientId, baseUrl, operation) => summaryToSign(deps, actor, patientId, baseUrl, 'card', operation),
    partOf: (actor, patientId, types, operation) => everything(deps, actor, patientId, operation, types),
    partToSign: (actor, patientId, types, operation) => partToSign(deps, actor, patientId, types, operation),
    requireIssuing: async (actor, patientId, what, operation) => void (await requireIssuing(deps, actor, patientId, what, operation)),
    decideRelationship: async (actor, patientId, change) => decideRelationshipChange(actor, patientId, change, await loadGrants(deps, actor, patientId)),
    mayChange: async (actor, patientId) => decide(actor, 'update', { resourceType: 'Patient', compartment: patientId }, await loadGrants(deps, actor, patientId)).permit,
    importSummary: async (actor, patientId, document) => {
      const patient = (await read(deps, actor, 'Patient', patientId)).resource as Patient;
      return transaction(deps, actor, ipsToTransaction(document, patientId, patient.birthDate));
    },
  };
}
