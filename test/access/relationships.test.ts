import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { decide, type Action } from '../../src/access/decide.ts';
import { grantFromConsent, grantsFor, type Grant } from '../../src/access/grants.ts';
import { decideRelationshipChange, type RelationshipChange } from '../../src/access/relationships.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { carerArrangement } from '../../src/carers/carer-resources.ts';

const now = new Date('2026-03-10T10:00:00Z');
const russell: Actor = { kind: 'person', accountId: 'a-russell', patientId: 'russell' };
const doris: Actor = { kind: 'person', accountId: 'a-doris', patientId: 'doris' };
const clare: Actor = { kind: 'person', accountId: 'a-clare', patientId: 'clare' };
const pat: Actor = { kind: 'person', accountId: 'a-pat', patientId: 'pat' };
const coordinator: Actor = { kind: 'professional', accountId: 'a-c', practitionerRoleId: 'role-c', practitionerId: 'prac-c', organizationId: 'northgate', role: 'discharge-coordinator' };

/** A carer arrangement in Russell's record, as the service writes it. */
function arrangement(id: string, relatedPerson: string, rights: 'view' | 'manage', proxy = false): Consent {
  const bundle = carerArrangement({ patientId: 'russell', carerAccountId: `a-${id}`, carerName: { given: id, family: 'Moore' }, carerEmail: `${id}@example.org`, rights, now, proxy });
  const consent = structuredClone(bundle.entry![1]!.resource as Consent);
  consent.provision!.actor![0]!.reference = { reference: `RelatedPerson/${relatedPerson}` };
  return { ...consent, id };
}

const dorisManages = arrangement('doris-arr', 'doris-rp', 'manage');
const clareViews = arrangement('clare-arr', 'clare-rp', 'view');
const patIsProxy = arrangement('pat-arr', 'pat-rp', 'manage', true);
const toHospital: Consent = { ...shareConsent({ patientId: 'russell', grantee: 'Organization/northgate', resourceTypes: ['CarePlan'], start: '2026-03-01', end: '2026-03-31', now }), id: 'hospital' };
const allGrants = [dorisManages, clareViews, patIsProxy, toHospital].map((c) => grantFromConsent(c)!);
const grantsOf = (actor: Actor, relatedPerson: string[] = []): Grant[] => grantsFor(actor, allGrants, now, relatedPerson);

const mentalHealth = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' };
const withSensitive = (c: Consent): Consent => ({ ...c, provision: { ...c.provision, securityLabel: [mentalHealth] } });
const upgraded = (c: Consent): Consent => ({ ...c, provision: { ...c.provision, action: [...(c.provision!.action ?? []), { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'correct' }] }] } });
const ended = (c: Consent): Consent => ({ ...c, status: 'inactive' });
const newShare: Consent = shareConsent({ patientId: 'russell', grantee: 'Organization/elsewhere', resourceTypes: ['Condition'], start: '2026-03-10', end: '2026-04-10', now });

// who, actor (with her RelatedPerson ids), action, the Consent written, permitted?, told why (403 words)?
const rows: Array<[string, Actor, string[], Action, Consent, boolean, boolean]> = [
  ['Russell adds the sensitive categories to Doris’s arrangement', russell, [], 'update', withSensitive(dorisManages), true, false],
  ['Russell makes a new share', russell, [], 'create', newShare, true, false],
  ['Russell ends the hospital share', russell, [], 'update', ended(toHospital), true, false],
  ['Russell cannot make anyone his legal proxy himself', russell, [], 'update', arrangement('doris-arr', 'doris-rp', 'manage', true), false, true],
  ['Doris (manage) cannot add the sensitive categories to her own arrangement', doris, ['doris-rp'], 'update', withSensitive(dorisManages), false, true],
  ['Doris (manage) cannot upgrade Clare to manage', doris, ['doris-rp'], 'update', upgraded(clareViews), false, true],
  ['Doris (manage) cannot make a share', doris, ['doris-rp'], 'create', newShare, false, true],
  ['Doris (manage) cannot end the hospital share', doris, ['doris-rp'], 'update', ended(toHospital), false, true],
  ['Doris (manage) cannot end Clare’s arrangement', doris, ['doris-rp'], 'update', ended(clareViews), false, true],
  ['Doris (manage) cannot delete the hospital share', doris, ['doris-rp'], 'delete', toHospital, false, true],
  ['Doris (manage) may end her own arrangement', doris, ['doris-rp'], 'update', ended(dorisManages), true, false],
  ['Doris (manage) may delete her own arrangement', doris, ['doris-rp'], 'delete', dorisManages, true, false],
  ['Clare (view) cannot make a share', clare, ['clare-rp'], 'create', newShare, false, true],
  ['Pat, his legal proxy, adds the sensitive categories to Doris’s arrangement', pat, ['pat-rp'], 'update', withSensitive(dorisManages), true, false],
  ['Pat, his legal proxy, makes a share', pat, ['pat-rp'], 'create', newShare, true, false],
  ['Pat, his legal proxy, ends Clare’s arrangement', pat, ['pat-rp'], 'update', ended(clareViews), true, false],
  ['Pat, his legal proxy, cannot make another proxy', pat, ['pat-rp'], 'update', arrangement('clare-arr', 'clare-rp', 'view', true), false, true],
  ['the coordinator cannot change the share she was given', coordinator, [], 'update', withSensitive(toHospital), false, false],
];

describe('who may change who can see a record (Consents through the FHIR API)', () => {
  it.each(rows)('%s', (_what, actor, relatedPersons, action, consent, permitted, explained) => {
    const decision = decide(actor, action, { resourceType: 'Consent', compartment: 'russell', resource: consent }, grantsOf(actor, relatedPersons));
    expect(decision.permit).toBe(permitted);
    expect(decision.reason).toBeTruthy();
    expect(Boolean(decision.explanation)).toBe(explained);
  });

  it('nobody but the service deletes the RelatedPerson that links a carer to the record', () => {
    const link = { resourceType: 'RelatedPerson' as const, patient: { reference: 'Patient/russell' }, identifier: [{ system: 'https://redbag.example.org/fhir/sid/account', value: 'a-clare' }] };
    for (const [actor, rps] of [[russell, []], [doris, ['doris-rp']]] as const) {
      expect(decide(actor, 'delete', { resourceType: 'RelatedPerson', compartment: 'russell', resource: link }, grantsOf(actor, [...rps])).permit).toBe(false);
    }
    expect(decide({ kind: 'system', purpose: 'carer ended' }, 'delete', { resourceType: 'RelatedPerson', compartment: 'russell', resource: link }).permit).toBe(true);
  });
});

// who, actor, change, permitted?
const changes: Array<[string, Actor, string[], RelationshipChange, boolean]> = [
  ['Russell invites a carer', russell, [], { kind: 'invite-carer' }, true],
  ['Russell ends Clare’s arrangement', russell, [], { kind: 'end-arrangement', arrangement: 'Consent/clare-arr' }, true],
  ['Doris (manage) cannot invite a carer', doris, ['doris-rp'], { kind: 'invite-carer' }, false],
  ['Doris (manage) cannot see the open invitations', doris, ['doris-rp'], { kind: 'see-invitations' }, false],
  ['Doris (manage) cannot end Clare’s arrangement', doris, ['doris-rp'], { kind: 'end-arrangement', arrangement: 'Consent/clare-arr' }, false],
  ['Doris (manage) ends her own arrangement', doris, ['doris-rp'], { kind: 'end-arrangement', arrangement: 'Consent/doris-arr' }, true],
  ['Clare (view) ends her own arrangement', clare, ['clare-rp'], { kind: 'end-arrangement', arrangement: 'Consent/clare-arr' }, true],
  ['Pat, his legal proxy, invites a carer', pat, ['pat-rp'], { kind: 'invite-carer' }, true],
  ['Pat, his legal proxy, ends Doris’s arrangement', pat, ['pat-rp'], { kind: 'end-arrangement', arrangement: 'Consent/doris-arr' }, true],
  ['the coordinator cannot invite a carer', coordinator, [], { kind: 'invite-carer' }, false],
  ['Doris accepts an invitation to Russell’s record', doris, [], { kind: 'accept-invitation', invitedTo: 'russell' }, true],
  ['Russell cannot accept his own invitation', russell, [], { kind: 'accept-invitation', invitedTo: 'russell' }, false],
  ['a professional cannot accept an invitation', coordinator, [], { kind: 'accept-invitation', invitedTo: 'russell' }, false],
];

describe('who may invite carers and end arrangements', () => {
  it.each(changes)('%s', (_what, actor, relatedPersons, change, permitted) => {
    const decision = decideRelationshipChange(actor, 'russell', change, grantsOf(actor, relatedPersons));
    expect(decision.permit).toBe(permitted);
    expect(decision.reason).toBeTruthy();
  });
});
