import type { Consent } from '@medplum/fhirtypes';
import type { Actor } from './actor.ts';
import { alwaysShared, resourceTypesSystem } from './data-classes.ts';
import { includedCategories, type SensitiveCategory } from './sensitivity.ts';
import { emergencyGrant, isEmergencyConsent } from './emergency-access.ts';

/**
 * What one share allows, read from a Consent. Consents are the source of truth; a Grant is only
 * their meaning for access decisions, rebuilt on every request, so revoking or expiring a share
 * takes effect on the very next one.
 */
export interface Grant {
  /** `Consent/<id>`, for the audit log's "because of". */
  source: string;
  patientId: string;
  /** Who it is for: `Organization/…`, `PractitionerRole/…`, `Practitioner/…` or `RelatedPerson/…`. */
  grantees: readonly string[];
  resourceTypes: ReadonlySet<string>;
  /** read: see the shared parts; add-notes: add visit notes and raise concerns; manage: change the record (carers). */
  actions: ReadonlySet<GrantAction>;
  /** Sensitive categories the person included by name; all others stay out. */
  sensitive: ReadonlySet<SensitiveCategory>;
  start?: string;
  end?: string;
  purpose?: string;
  /** An emergency ("break glass") access: read only, never a write (emergency-access.ts). */
  emergency?: boolean;
}

export type GrantAction = 'read' | 'add-notes' | 'manage';

const consentActions = 'http://terminology.hl7.org/CodeSystem/consentaction';

/** The meaning of a Consent for access, or undefined if it grants nothing (not active, deny, no provision). */
export function grantFromConsent(consent: Consent): Grant | undefined {
  if (isEmergencyConsent(consent)) return emergencyGrant(consent);
  const provision = consent.provision;
  const patientId = /^Patient\/(.+)$/.exec(consent.patient?.reference ?? '')?.[1];
  if (consent.status !== 'active' || !provision || provision.type === 'deny' || !patientId || !consent.id) return undefined;
  const types = new Set(alwaysShared);
  for (const c of provision.class ?? []) if (c.system === resourceTypesSystem && c.code) types.add(c.code);
  const actions = new Set<GrantAction>();
  for (const coding of (provision.action ?? []).flatMap((a) => a.coding ?? [])) {
    if (coding.system !== consentActions) continue;
    if (coding.code === 'access' || coding.code === 'use') actions.add('read');
    if (coding.code === 'collect') actions.add('add-notes');
    if (coding.code === 'correct') actions.add('manage');
  }
  // A share that says nothing about actions lets the grantee read, which is what people mean by "share".
  if (actions.size === 0 || actions.has('add-notes') || actions.has('manage')) actions.add('read');
  return {
    source: `Consent/${consent.id}`,
    patientId,
    grantees: (provision.actor ?? []).map((a) => a.reference?.reference).filter((r): r is string => typeof r === 'string'),
    resourceTypes: types,
    actions,
    sensitive: new Set(includedCategories(provision.securityLabel)),
    start: provision.period?.start,
    end: provision.period?.end,
    purpose: provision.purpose?.[0]?.display ?? provision.purpose?.[0]?.code,
  };
}

/** Whether a share is in force at `now`. A date-only end means until the end of that day (UTC). */
export function inForce(grant: Grant, now: Date): boolean {
  const t = now.toISOString();
  if (grant.start && boundary(grant.start, 'start') > t) return false;
  if (grant.end && boundary(grant.end, 'end') < t) return false;
  return true;
}

function boundary(value: string, side: 'start' | 'end'): string {
  if (value.length === 10) return side === 'start' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  return new Date(value).toISOString();
}

/**
 * The references a share names when it is for this caller. People are named through the
 * RelatedPerson that records them as a carer, so those ids are looked up and passed in.
 */
export function granteeReferences(actor: Actor, relatedPersonIds: readonly string[] = []): string[] {
  switch (actor.kind) {
    case 'professional':
      return [`Organization/${actor.organizationId}`, `PractitionerRole/${actor.practitionerRoleId}`, `Practitioner/${actor.practitionerId}`];
    case 'client':
      return [`Organization/${actor.organizationId}`];
    case 'person':
      return relatedPersonIds.map((id) => `RelatedPerson/${id}`);
    default:
      return [];
  }
}

/** The grants that are for this caller and in force now. */
export function grantsFor(actor: Actor, grants: readonly Grant[], now: Date, relatedPersonIds: readonly string[] = []): Grant[] {
  const mine = new Set(granteeReferences(actor, relatedPersonIds));
  return grants.filter((g) => inForce(g, now) && g.grantees.some((r) => mine.has(r)));
}
