import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { decide, type Action, type Target } from '../../src/access/decide.ts';
import { grantFromConsent, grantsFor, type Grant } from '../../src/access/grants.ts';
import { searchScope, historyScope } from '../../src/access/search-scope.ts';
import { sensitivityOf } from '../../src/access/sensitivity.ts';
import { carerAccountSystem } from '../../src/access/carer-identity.ts';

const now = new Date('2026-03-03T10:00:00Z');

/** A share as the portal writes it: a Consent in Andrew's record. */
function share(id: string, actor: string, types: string[], extra: Partial<Consent['provision']> & { status?: Consent['status'] } = {}): Consent {
  const { status, ...provision } = extra;
  return {
    resourceType: 'Consent',
    id,
    status: status ?? 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'INFA' }] }],
    patient: { reference: 'Patient/andrew' },
    provision: {
      type: 'permit',
      period: { start: '2026-03-01', end: '2026-03-31' },
      actor: [{ role: { coding: [{ code: 'PROV' }] }, reference: { reference: actor } }],
      class: types.map((code) => ({ system: 'http://hl7.org/fhir/resource-types', code })),
      ...provision,
    },
  };
}

const coordinator: Actor = { kind: 'professional', accountId: 'acc-c', practitionerRoleId: 'role-c', practitionerId: 'prac-c', organizationId: 'northgate', role: 'discharge-coordinator' };
const careWorker: Actor = { kind: 'professional', accountId: 'acc-w', practitionerRoleId: 'role-w', practitionerId: 'prac-w', organizationId: 'homecare', role: 'home-care-worker' };
const stranger: Actor = { kind: 'professional', accountId: 'acc-s', practitionerRoleId: 'role-s', practitionerId: 'prac-s', organizationId: 'elsewhere', role: 'clinician' };
const hospitalSystem: Actor = { kind: 'client', clientId: 'pas', organizationId: 'northgate', scopes: ['system/CarePlan.rs', 'system/Patient.rs'] };
const clare: Actor = { kind: 'person', accountId: 'acc-clare', patientId: 'clare' };
const admin: Actor = { kind: 'admin', accountId: 'acc-admin' };

const consents = [
  share('to-hospital', 'Organization/northgate', ['CarePlan', 'Goal', 'RelatedPerson', 'CareTeam']),
  share('to-homecare', 'Organization/homecare', ['CarePlan', 'Condition'], {
    action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'collect' }] }],
  }),
  share('old', 'Organization/elsewhere', ['CarePlan'], { period: { start: '2026-01-01', end: '2026-02-01' } }),
  share('to-clare', 'RelatedPerson/clare-as-carer', ['Condition', 'CarePlan'], {
    action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'correct' }] }],
  }),
];
const allGrants = consents.map((c) => grantFromConsent(c)!).filter(Boolean);
const grantsOf = (actor: Actor): Grant[] => grantsFor(actor, allGrants, now, actor.kind === 'person' ? ['clare-as-carer'] : []);

const depression = sensitivityOf({ resourceType: 'Condition', subject: { reference: 'Patient/andrew' }, code: { coding: [{ system: 'http://snomed.info/sct', code: '35489007' }] } });

// caller, action, target, permitted?
const rows: Array<[string, Actor, Action, Target, boolean]> = [
  ['the coordinator reads the support plan shared with her hospital', coordinator, 'read', { resourceType: 'CarePlan', compartment: 'andrew' }, true],
  ['the coordinator reads who Andrew is', coordinator, 'read', { resourceType: 'Patient', compartment: 'andrew' }, true],
  ['the coordinator cannot read conditions he did not share with her', coordinator, 'read', { resourceType: 'Condition', compartment: 'andrew' }, false],
  ['the coordinator cannot read anyone else’s plan', coordinator, 'read', { resourceType: 'CarePlan', compartment: 'rina' }, false],
  ['the coordinator cannot read the history of the plan', coordinator, 'history', { resourceType: 'CarePlan', compartment: 'andrew' }, false],
  ['the coordinator cannot change the plan', coordinator, 'update', { resourceType: 'CarePlan', compartment: 'andrew' }, false],
  ['the coordinator proposes a change to the plan', coordinator, 'create', { resourceType: 'CarePlan', compartment: 'andrew', resource: { resourceType: 'CarePlan', intent: 'proposal', status: 'draft', subject: { reference: 'Patient/andrew' } } }, true],
  ['the coordinator cannot write an active plan', coordinator, 'create', { resourceType: 'CarePlan', compartment: 'andrew', resource: { resourceType: 'CarePlan', intent: 'plan', status: 'active', subject: { reference: 'Patient/andrew' } } }, false],
  ['the coordinator gives back a discharge summary', coordinator, 'create', { resourceType: 'Composition', compartment: 'andrew' }, true],
  ['the care worker reads conditions shared with her provider', careWorker, 'read', { resourceType: 'Condition', compartment: 'andrew' }, true],
  ['the care worker does not see depression unless Andrew included mental health', careWorker, 'read', { resourceType: 'Condition', compartment: 'andrew', sensitivity: depression }, false],
  ['the care worker raises a concern, as Andrew allowed', careWorker, 'create', { resourceType: 'Flag', compartment: 'andrew' }, true],
  ['the coordinator cannot raise a concern: Andrew did not allow notes from the hospital', coordinator, 'create', { resourceType: 'Flag', compartment: 'andrew' }, false],
  ['an expired share lets nobody in', stranger, 'read', { resourceType: 'CarePlan', compartment: 'andrew' }, false],
  ['the hospital system pulls the plan its scopes and the share both allow', hospitalSystem, 'search', { resourceType: 'CarePlan', compartment: 'andrew' }, true],
  ['the hospital system cannot pull goals: shared, but not in its scopes', hospitalSystem, 'search', { resourceType: 'Goal', compartment: 'andrew' }, false],
  ['the hospital system writes nothing', hospitalSystem, 'create', { resourceType: 'CarePlan', compartment: 'andrew' }, false],
  ['Clare, his carer, reads his conditions', clare, 'read', { resourceType: 'Condition', compartment: 'andrew' }, true],
  ['Clare manages his plan', clare, 'update', { resourceType: 'CarePlan', compartment: 'andrew' }, true],
  ['Clare cannot see what he did not give her', clare, 'read', { resourceType: 'AllergyIntolerance', compartment: 'andrew' }, false],
  ['Clare cannot delete his Patient', clare, 'delete', { resourceType: 'Patient', compartment: 'andrew' }, false],
  ['nobody makes herself a carer by writing a RelatedPerson', clare, 'create', { resourceType: 'RelatedPerson', compartment: 'clare', resource: { resourceType: 'RelatedPerson', patient: { reference: 'Patient/clare' }, identifier: [{ system: carerAccountSystem, value: 'acc-x' }] } }, false],
  ['nobody writes an audit record, even through a share', clare, 'create', { resourceType: 'AuditEvent', compartment: 'andrew' }, false],
  ['an admin reads no one’s record', admin, 'read', { resourceType: 'CarePlan', compartment: 'andrew' }, false],
  ['an admin reads the directory', admin, 'read', { resourceType: 'Organization', compartment: '' }, true],
  ['a professional reads the directory', coordinator, 'search', { resourceType: 'PractitionerRole', compartment: '' }, true],
];

describe('sharing decisions', () => {
  it.each(rows)('%s', (_name, actor, action, target, permit) => {
    const decision = decide(actor, action, target, grantsOf(actor));
    expect(decision.permit).toBe(permit);
    expect(decision.reason.length).toBeGreaterThan(0);
    if (permit && actor.kind !== 'admin' && target.compartment !== '') expect(decision.grant).toMatch(/^Consent\//);
  });

  it('reads a share’s meaning from the Consent: revoked, ended or denying shares grant nothing', () => {
    expect(grantFromConsent({ ...consents[0]!, status: 'inactive' })).toBeUndefined();
    expect(grantFromConsent({ ...consents[0]!, provision: { ...consents[0]!.provision, type: 'deny' } })).toBeUndefined();
    expect(grantsFor(coordinator, allGrants, new Date('2026-03-31T23:59:00Z'))).toHaveLength(1);
    expect(grantsFor(coordinator, allGrants, new Date('2026-04-01T00:00:01Z'))).toHaveLength(0);
  });

  it('includes sensitive items only when the share names their category', () => {
    const withMentalHealth = grantFromConsent(
      share('mh', 'Organization/homecare', ['Condition'], { securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] }),
    )!;
    expect(decide(careWorker, 'read', { resourceType: 'Condition', compartment: 'andrew', sensitivity: depression }, [withMentalHealth]).permit).toBe(true);
    expect(sensitivityOf({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'x' }, subject: { reference: 'Patient/a' }, meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } })).toEqual(['restricted']);
  });

  it('scopes a professional’s searches to the shared types of each record that shares, without sensitive items', () => {
    expect(searchScope(coordinator, 'CarePlan', grantsOf(coordinator))).toEqual({
      compartments: [],
      parts: [{ compartment: 'andrew', resourceTypes: ['CarePlan'], withoutSensitive: ['mental-health', 'alcohol-and-drugs', 'sexual-health', 'restricted'] }],
    });
    expect(searchScope(coordinator, 'Condition', grantsOf(coordinator))).toEqual({ compartments: [], parts: [] });
    expect(searchScope(hospitalSystem, 'Goal', grantsOf(hospitalSystem))).toEqual({ compartments: [] });
    expect(historyScope(coordinator, 'CarePlan', grantsOf(coordinator))).toEqual({ compartments: [] });
    expect(searchScope(clare, 'Condition', grantsOf(clare))).toMatchObject({ compartments: ['clare'], parts: [{ compartment: 'andrew' }] });
  });
});
