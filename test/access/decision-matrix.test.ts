import type { Coding, Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { dataClasses } from '../../src/access/data-classes.ts';
import { decide, type Action } from '../../src/access/decide.ts';
import { grantFromConsent, grantsFor, type Grant } from '../../src/access/grants.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { carerArrangement } from '../../src/carers/carer-resources.ts';
import { emergencyConsent } from '../../src/access/emergency-access.ts';

/**
 * Every caller kind × action × data class shared × data class asked for × consent state × version
 * (current, or deleted), against
 * the rules as README and the sharing issue state them — written out here on their own, not taken
 * from the code under test.
 */
const now = new Date('2026-03-10T10:00:00Z');
const actions: Action[] = ['read', 'vread', 'search', 'history', 'create', 'update', 'delete'];
/** What is asked about: the current version, or a deleted item (decided on the last content it had). */
const versions = ['current', 'deleted'] as const;
type Version = (typeof versions)[number];
const states = ['active', 'active, item sensitive', 'active, sensitive included', 'expired', 'revoked', 'none'] as const;
type State = (typeof states)[number];

const homeCareWorker: Actor = { kind: 'professional', accountId: 'a-w', practitionerRoleId: 'role-w', practitionerId: 'prac-w', organizationId: 'brightside', role: 'home-care-worker' };
const hospitalSystem: Actor = { kind: 'client', clientId: 'pas', organizationId: 'brightside', scopes: ['system/*.cruds'] };
const stranger: Actor = { kind: 'professional', accountId: 'a-s', practitionerRoleId: 'role-s', practitionerId: 'prac-s', organizationId: 'elsewhere', role: 'clinician' };
const paramedic: Actor = { kind: 'professional', accountId: 'a-er', practitionerRoleId: 'role-er', practitionerId: 'prac-er', organizationId: 'ambulance', role: 'clinician' };
const careWorkerNamedInEmergency: Actor = { kind: 'professional', accountId: 'a-w2', practitionerRoleId: 'role-er', practitionerId: 'prac-w2', organizationId: 'ambulance', role: 'home-care-worker' };
const carer: Actor = { kind: 'person', accountId: 'a-clare', patientId: 'clare' };
const andrew: Actor = { kind: 'person', accountId: 'a-andrew', patientId: 'andrew' };
const admin: Actor = { kind: 'admin', accountId: 'a-admin' };
const anonymous: Actor = { kind: 'anonymous' };

type CallerKind =
  | 'the person herself'
  | 'a professional the share names'
  | 'a hospital system of the organisation the share names'
  | 'a carer who may view'
  | 'a carer who may manage'
  | 'a professional the share does not name'
  | 'a clinician who broke the glass'
  | 'a non-clinician named in an emergency access'
  | 'an admin'
  | 'someone not signed in';
const callers: Array<[CallerKind, Actor]> = [
  ['the person herself', andrew],
  ['a professional the share names', homeCareWorker],
  ['a hospital system of the organisation the share names', hospitalSystem],
  ['a carer who may view', carer],
  ['a carer who may manage', carer],
  ['a professional the share does not name', stranger],
  ['a clinician who broke the glass', paramedic],
  ['a non-clinician named in an emergency access', careWorkerNamedInEmergency],
  ['an admin', admin],
  ['someone not signed in', anonymous],
];

const mentalHealth: Coding = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' };

/** The Consent in Andrew's record for this caller, in this state, sharing this data class (carers: the whole record). */
function consentFor(caller: CallerKind, sharedTypes: readonly string[], state: State): Consent | undefined {
  if (state === 'none') return undefined;
  const period = state === 'expired' ? { start: '2026-01-01', end: '2026-02-01' } : { start: '2026-03-01', end: '2026-03-31' };
  let consent: Consent;
  if (caller === 'a clinician who broke the glass' || caller === 'a non-clinician named in an emergency access') {
    // Break glass lasts an hour from when it was opened: opened at 09:30 it is in force at 10:00; opened at 08:30, over.
    const opened = state === 'expired' ? new Date('2026-03-10T08:30:00Z') : new Date('2026-03-10T09:30:00Z');
    consent = emergencyConsent({ patientId: 'andrew', practitionerRoleId: 'role-er', reason: 'Collapsed in the street', now: opened });
    return { ...consent, id: 'the-share', status: state === 'revoked' ? 'inactive' : 'active' };
  }
  if (caller === 'a carer who may view' || caller === 'a carer who may manage') {
    const bundle = carerArrangement({ patientId: 'andrew', carerAccountId: 'a-clare', carerName: { given: 'Clare', family: 'Wilson' }, carerEmail: 'clare@example.org', rights: caller === 'a carer who may manage' ? 'manage' : 'view', now });
    consent = bundle.entry![1]!.resource as Consent;
    consent.provision!.actor![0]!.reference = { reference: 'RelatedPerson/clare-as-carer' };
    consent.provision!.period = period;
  } else {
    consent = shareConsent({ patientId: 'andrew', grantee: 'Organization/brightside', resourceTypes: sharedTypes, start: period.start, end: period.end, now });
  }
  if (state === 'active, sensitive included') consent.provision!.securityLabel = [mentalHealth];
  return { ...consent, id: 'the-share', status: state === 'revoked' ? 'inactive' : 'active' };
}

/** What break glass opens, as README states it: the emergency information, sensitive items included. */
const emergencyInformation = ['Patient', 'AllergyIntolerance', 'Condition', 'MedicationStatement', 'CarePlan', 'RelatedPerson', 'CareTeam', 'Observation', 'Goal', 'Flag'];

/** The rules, as stated for people. */
function expected(caller: CallerKind, action: Action, type: string, sharedTypes: readonly string[], state: State, version: Version): boolean {
  const reading = action === 'read' || action === 'search';
  const inForce = state === 'active' || state === 'active, item sensitive' || state === 'active, sensitive included';
  const sensitiveLeftOut = state === 'active, item sensitive';
  switch (caller) {
    case 'the person herself':
      return true; // her own record, whatever she shares
    case 'a professional the share names':
    case 'a hospital system of the organisation the share names':
      // Read and search current versions of what is shared (the Patient always is): never history,
      // never an earlier version, never a deleted item; a read-only share adds nothing.
      return reading && version === 'current' && inForce && !sensitiveLeftOut && (type === 'Patient' || sharedTypes.includes(type));
    case 'a clinician who broke the glass':
      // Read-only, for an hour, the emergency information, sensitive or not, as it is now; never a write.
      return reading && version === 'current' && state !== 'expired' && state !== 'revoked' && state !== 'none' && emergencyInformation.includes(type);
    case 'a carer who may view':
      return (reading || action === 'history' || action === 'vread') && inForce && !sensitiveLeftOut;
    case 'a carer who may manage':
      return inForce && !sensitiveLeftOut;
    default:
      return false;
  }
}

const cases = dataClasses.map((c) => [c.label, c.resourceTypes] as const);
const targetTypes = ['Patient', ...dataClasses.flatMap((c) => c.resourceTypes)];

describe('the access decision, every caller × action × data class × consent state', () => {
  it.each(callers)('%s', (caller, actor) => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const [sharedClass, sharedTypes] of cases) {
      for (const state of states) {
        const consent = consentFor(caller, sharedTypes, state);
        const grant = consent ? grantFromConsent(consent) : undefined;
        const grants: Grant[] = grantsFor(actor, grant ? [grant] : [], now, ['clare-as-carer']);
        for (const type of targetTypes) {
          for (const action of actions) {
            if (type === 'Patient' && !['read', 'vread', 'search', 'history'].includes(action)) continue;
            for (const version of versions) {
              const sensitivity = state === 'active, item sensitive' || state === 'active, sensitive included' ? (['mental-health'] as const) : [];
              const target = { resourceType: type, compartment: 'andrew', sensitivity, deleted: version === 'deleted' };
              const decision = decide(actor, action, target, grants);
              const want = expected(caller, action, type, sharedTypes, state, version);
              const about = `${action} ${type}, ${version} (shared: ${sharedClass}; ${state})`;
              checked += 1;
              if (decision.permit !== want) mismatches.push(`${about}: ${decision.permit ? 'permitted' : 'refused'} (“${decision.reason}”), expected ${want ? 'permitted' : 'refused'}`);
              if (!decision.reason) mismatches.push(`${about}: no reason given`);
              if (decision.permit && caller !== 'the person herself' && decision.grant !== 'Consent/the-share') mismatches.push(`${about}: permitted without naming the share`);
              if (decision.permit && (decision.emergency === true) !== (caller === 'a clinician who broke the glass')) mismatches.push(`${about}: break glass not said, or said wrongly`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(cases.length * states.length * versions.length * (4 + (targetTypes.length - 1) * actions.length));
  });

  it('a professional adds notes only where the share allows it, and only while it is in force', () => {
    const withNotes = (state: State): Grant[] => {
      const consent = consentFor('a professional the share names', ['CarePlan'], state);
      if (consent) consent.provision!.action = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'collect' }] }];
      const grant = consent ? grantFromConsent(consent) : undefined;
      return grantsFor(homeCareWorker, grant ? [grant] : [], now);
    };
    const note = { resourceType: 'Flag', compartment: 'andrew' };
    expect(states.map((state) => [state, decide(homeCareWorker, 'create', note, withNotes(state)).permit])).toEqual([
      ['active', true],
      ['active, item sensitive', true],
      ['active, sensitive included', true],
      ['expired', false],
      ['revoked', false],
      ['none', false],
    ]);
    expect(decide(homeCareWorker, 'update', note, withNotes('active')).permit).toBe(false); // adds, never changes
    expect(decide(hospitalSystem, 'create', note, withNotes('active')).permit).toBe(false); // systems read only
  });
});
