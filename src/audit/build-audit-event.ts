import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';

/**
 * One access or change, as a FHIR AuditEvent (R4, the "RESTful operation" pattern of the IHE Basic
 * Audit Log Patterns): who did it, on whose behalf, to what, when, with what outcome and why.
 * Pure; record/ stores it in the person's record, in the same transaction as any change.
 */
export type Interaction = 'read' | 'vread' | 'search-type' | 'history-instance' | 'history-type' | 'create' | 'update' | 'delete' | 'operation';

export interface AuditFacts {
  /** Whose record: every AuditEvent belongs to exactly one person's record. */
  patientId: string;
  interaction: Interaction;
  /** `$summary`, `$everything` … for operations. */
  operation?: string;
  /** `Type/id` of what was read or changed. */
  entities: readonly string[];
  outcome: 'success' | 'denied';
  /** The access decision's reason. */
  reason: string;
  /** The share that allowed it (`Consent/<id>`), if one did. */
  grant?: string;
  /** Who asked: a reference (PractitionerRole/…, Patient/…, Organization/… for a hospital system) and a name in words. */
  who: { reference?: string; display: string };
  /** On whose behalf, if anyone's: the organisation of a professional or system. */
  onBehalfOf?: { reference?: string; display: string };
  purpose?: Coding;
  recorded: string;
}

const interactionSystem = 'http://hl7.org/fhir/restful-interaction';
const actionOf: Record<Interaction, AuditEvent['action']> = {
  read: 'R', vread: 'R', 'search-type': 'E', 'history-instance': 'R', 'history-type': 'E', create: 'C', update: 'U', delete: 'D', operation: 'E',
};

/** How many things one event names; a search page or $everything can return hundreds. */
export const maxEntities = 200;

export function buildAuditEvent(facts: AuditFacts): AuditEvent {
  const agents: AuditEventAgent[] = [{ who: facts.who, name: facts.who.display, requestor: true }];
  if (facts.onBehalfOf) agents.push({ who: facts.onBehalfOf, name: facts.onBehalfOf.display, requestor: false });
  const entities: AuditEventEntity[] = [
    {
      what: { reference: `Patient/${facts.patientId}` },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    },
    ...facts.entities
      .filter((reference) => reference !== `Patient/${facts.patientId}`)
      .slice(0, maxEntities)
      .map((reference) => ({
        what: { reference },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      })),
  ];
  if (facts.grant) entities.push({ what: { reference: facts.grant }, description: 'the share that allowed it' });
  return {
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: interactionSystem, code: facts.interaction, ...(facts.operation ? { display: facts.operation } : {}) }],
    action: actionOf[facts.interaction],
    recorded: facts.recorded,
    outcome: facts.outcome === 'success' ? '0' : '4',
    outcomeDesc: facts.reason,
    ...(facts.purpose ? { purposeOfEvent: [{ coding: [facts.purpose] }] } : {}),
    agent: agents,
    source: {
      observer: { display: 'Red Bag' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: entities,
  };
}
