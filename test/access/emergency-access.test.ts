import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { decide, type Target } from '../../src/access/decide.ts';
import { emergencyConsent } from '../../src/access/emergency-access.ts';
import { grantFromConsent, grantsFor, type Grant } from '../../src/access/grants.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { historyScope, searchScope } from '../../src/access/search-scope.ts';

const opened = new Date('2026-03-10T09:30:00Z');
const now = new Date('2026-03-10T10:00:00Z');
const paramedic: Actor = { kind: 'professional', accountId: 'a-er', practitionerRoleId: 'role-er', practitionerId: 'prac-er', organizationId: 'ambulance', role: 'clinician' };
const coordinator: Actor = { kind: 'professional', accountId: 'a-c', practitionerRoleId: 'role-c', practitionerId: 'prac-c', organizationId: 'northgate', role: 'discharge-coordinator' };
const homeCareWorker: Actor = { kind: 'professional', accountId: 'a-w', practitionerRoleId: 'role-w', practitionerId: 'prac-w', organizationId: 'brightside', role: 'home-care-worker' };
const aisha: Actor = { kind: 'person', accountId: 'a-aisha', patientId: 'aisha' };
const sara: Actor = { kind: 'person', accountId: 'a-sara', patientId: 'sara' };
const hospitalSystem: Actor = { kind: 'client', clientId: 'pas', organizationId: 'northgate', scopes: ['system/*.cruds'] };
const admin: Actor = { kind: 'admin', accountId: 'a-admin' };
const anonymous: Actor = { kind: 'anonymous' };
const service: Actor = { kind: 'system', purpose: 'emergency access' };
const link: Actor = { kind: 'link', linkId: 'l1', patientId: 'aisha' };

const breakGlass = (overrides: Partial<Consent> = {}): Consent => ({
  ...emergencyConsent({ patientId: 'aisha', practitionerRoleId: 'role-er', reason: 'Collapsed in the street', now: opened }),
  id: 'btg-1',
  ...overrides,
});
const emergencyGrants = (consent: Consent = breakGlass(), at = now): Grant[] => {
  const grant = grantFromConsent(consent);
  return grantsFor(paramedic, grant ? [grant] : [], at);
};
const record = (resourceType: string, extra: Partial<Target> = {}): Target => ({ resourceType, compartment: 'aisha', ...extra });

describe('who may break the glass', () => {
  const rows: Array<[string, Actor, boolean]> = [
    ['a clinician or paramedic', paramedic, true],
    ['a discharge coordinator', coordinator, false],
    ['a home-care worker', homeCareWorker, false],
    ['the person herself', aisha, false],
    ['a hospital system', hospitalSystem, false],
    ['an admin', admin, false],
    ['someone not signed in', anonymous, false],
    ['someone with a health link', link, false],
  ];
  it.each(rows)('%s: %s', (_name, actor, permit) => {
    const decision = decide(actor, 'emergency-access', record('Patient'));
    expect(decision.permit).toBe(permit);
    expect(decision.reason.length).toBeGreaterThan(0);
  });

  it('opens a person’s record, not the directory', () => {
    expect(decide(paramedic, 'emergency-access', { resourceType: 'Organization', compartment: '' }).permit).toBe(false);
  });
});

describe('what an emergency access allows', () => {
  // what, target, action, permitted?
  const rows: Array<[string, Target, Parameters<typeof decide>[1], boolean]> = [
    ['reads her allergies', record('AllergyIntolerance'), 'read', true],
    ['searches her medicines', record('MedicationStatement'), 'search', true],
    ['reads a sensitive condition (safety first)', record('Condition', { sensitivity: ['mental-health', 'sexual-health'] }), 'read', true],
    ['runs $summary', record('Patient'), 'operation', true],
    ['does not read her appointments (not emergency information)', record('Appointment'), 'read', false],
    ['does not read a deleted item', record('Condition', { deleted: true }), 'read', false],
    ['does not read earlier versions', record('Condition'), 'vread', false],
    ['does not read history', record('Condition'), 'history', false],
    ['writes no discharge summary', record('Composition'), 'create', false],
    ['writes no concern', record('Flag'), 'create', false],
    ['changes nothing', record('AllergyIntolerance'), 'update', false],
    ['deletes nothing', record('AllergyIntolerance'), 'delete', false],
    ['opens nobody else’s record', { resourceType: 'AllergyIntolerance', compartment: 'rina' }, 'read', false],
  ];
  it.each(rows)('the clinician %s', (_name, target, action, permit) => {
    const decision = decide(paramedic, action, target, emergencyGrants());
    expect(decision.permit).toBe(permit);
    if (permit) expect(decision).toMatchObject({ grant: 'Consent/btg-1', emergency: true });
  });

  it('ends 60 minutes after it was opened, whatever the Consent says, and when she sets it inactive', () => {
    expect(decide(paramedic, 'read', record('AllergyIntolerance'), emergencyGrants(breakGlass(), new Date('2026-03-10T10:29:59Z'))).permit).toBe(true);
    expect(decide(paramedic, 'read', record('AllergyIntolerance'), emergencyGrants(breakGlass(), new Date('2026-03-10T10:30:01Z'))).permit).toBe(false);
    const stretched = breakGlass();
    stretched.provision!.period!.end = '2026-03-11T09:30:00Z';
    expect(decide(paramedic, 'read', record('AllergyIntolerance'), emergencyGrants(stretched, new Date('2026-03-10T11:00:00Z'))).permit).toBe(false);
    expect(decide(paramedic, 'read', record('AllergyIntolerance'), emergencyGrants(breakGlass({ status: 'inactive' }))).permit).toBe(false);
  });

  it('stays read-only and within the emergency information even if the Consent asks for more', () => {
    const widened = breakGlass();
    widened.provision!.action = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'correct' }] }];
    widened.provision!.class = [...widened.provision!.class!, { system: 'http://hl7.org/fhir/resource-types', code: 'Composition' }];
    const grants = emergencyGrants(widened);
    expect(decide(paramedic, 'update', record('AllergyIntolerance'), grants).permit).toBe(false);
    expect(decide(paramedic, 'read', record('Composition'), grants).permit).toBe(false);
  });

  it('counts only for a clinician, even one named in it', () => {
    const grant = grantFromConsent(breakGlass())!;
    const sameRoleNotClinician: Actor = { ...homeCareWorker, practitionerRoleId: 'role-er' };
    expect(decide(sameRoleNotClinician, 'read', record('AllergyIntolerance'), grantsFor(sameRoleNotClinician, [grant], now)).permit).toBe(false);
  });

  it('does not add to a share she made: a clinician she shares with writes through that share only', () => {
    const share = grantFromConsent({ ...shareConsent({ patientId: 'aisha', grantee: 'PractitionerRole/role-er', resourceTypes: ['Condition'], start: '2026-03-01', end: '2026-03-31', now }), id: 'share-1' })!;
    const grants = [...emergencyGrants(), ...grantsFor(paramedic, [share], now)];
    expect(decide(paramedic, 'create', record('Composition'), grants)).toMatchObject({ permit: true, grant: 'Consent/share-1' });
    expect(decide(paramedic, 'create', record('Composition'), emergencyGrants()).permit).toBe(false);
  });
});

describe('who writes an emergency access', () => {
  const consent = breakGlass();
  const rows: Array<[string, Actor, Parameters<typeof decide>[1], Consent, boolean]> = [
    ['the service writes it', service, 'create', consent, true],
    ['the person cannot make one', aisha, 'create', consent, false],
    ['a clinician cannot make one through the FHIR API', paramedic, 'create', consent, false],
    ['a carer cannot make one', sara, 'create', consent, false],
    ['the person ends one early (inactive)', aisha, 'update', { ...consent, status: 'inactive' }, true],
    ['the person cannot switch one back on', aisha, 'update', consent, false],
  ];
  it.each(rows)('%s', (_name, actor, action, resource, permit) => {
    expect(decide(actor, action, record('Consent', { resource }), []).permit).toBe(permit);
  });
});

describe('what an emergency access lets a search touch', () => {
  it('a clinician’s searches reach the emergency information of that record, sensitive items included; nobody else’s', () => {
    const grant = grantFromConsent(breakGlass())!;
    expect(searchScope(paramedic, 'Condition', [grant])).toEqual({ compartments: [], parts: [{ compartment: 'aisha', resourceTypes: ['Condition'], withoutSensitive: [] }] });
    expect(searchScope(paramedic, 'Appointment', [grant])).toEqual({ compartments: [], parts: [] });
    const sameRoleNotClinician: Actor = { ...homeCareWorker, practitionerRoleId: 'role-er' };
    expect(searchScope(sameRoleNotClinician, 'Condition', [grant])).toEqual({ compartments: [], parts: [] });
    expect(historyScope(paramedic, 'Condition', [grant])).toEqual({ compartments: [] });
  });
});
