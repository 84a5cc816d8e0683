import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import type { Grant } from '../../src/access/grants.ts';
import { decideIssuing, type Issuing } from '../../src/access/issuing.ts';
import { decideAdministration } from '../../src/access/administration.ts';

const grant = (source: string, actions: Array<'read' | 'manage'>, grantee: string): Grant => ({
  source,
  patientId: 'aisha',
  grantees: [grantee],
  resourceTypes: new Set(['Patient', 'AllergyIntolerance']),
  actions: new Set(actions),
  sensitive: new Set(),
});
const aisha: Actor = { kind: 'person', accountId: 'a-aisha', patientId: 'aisha' };
const sara: Actor = { kind: 'person', accountId: 'a-sara', patientId: 'sara' };
const coordinator: Actor = { kind: 'professional', accountId: 'a-c', practitionerRoleId: 'role-c', practitionerId: 'prac-c', organizationId: 'northgate', role: 'discharge-coordinator' };
const paramedic: Actor = { kind: 'professional', accountId: 'a-p', practitionerRoleId: 'role-p', practitionerId: 'prac-p', organizationId: 'nwas', role: 'clinician' };
const hospitalSystem: Actor = { kind: 'client', clientId: 'pas', organizationId: 'northgate', scopes: ['system/*.rs'] };
const link: Actor = { kind: 'link', linkId: 'l1', patientId: 'aisha' };
const admin: Actor = { kind: 'admin', accountId: 'a-admin' };
const anonymous: Actor = { kind: 'anonymous' };

const managing = [grant('Consent/sara-manages', ['read', 'manage'], 'RelatedPerson/sara')];
const viewing = [grant('Consent/sara-views', ['read'], 'RelatedPerson/sara')];
const shared = [grant('Consent/to-northgate', ['read'], 'Organization/northgate')];
const emergency = [grant('EmergencyAccess/e1', ['read'], 'PractitionerRole/role-p')];

// who, actor, grants, entries hidden from her, what, permitted?
const rows: Array<[string, Actor, Grant[], number, Issuing, boolean]> = [
  ['Aisha makes her own card', aisha, [], 0, 'card', true],
  ['Aisha makes a link to her Red Bag', aisha, [], 0, 'health-link', true],
  ['Aisha retires her cards', aisha, [], 0, 'revoke-cards', true],
  ['Sara, managing and seeing everything, makes Aisha’s card', sara, managing, 0, 'card', true],
  ['Sara, managing and seeing everything, makes a link', sara, managing, 0, 'health-link', true],
  ['Sara, managing but with a sensitive allergy hidden, cannot make the card', sara, managing, 1, 'card', false],
  ['Sara, managing but with items hidden, cannot make a link', sara, managing, 3, 'health-link', false],
  ['Sara, managing with items hidden, may still retire the cards', sara, managing, 3, 'revoke-cards', true],
  ['Sara, managing with items hidden, may still see and stop the links', sara, managing, 3, 'manage-links', true],
  ['Sara, who may only view, cannot make the card', sara, viewing, 0, 'card', false],
  ['Sara, who may only view, cannot make a link', sara, viewing, 0, 'health-link', false],
  ['Sara, who may only view, cannot retire the cards', sara, viewing, 0, 'revoke-cards', false],
  ['the coordinator with a share cannot make a card', coordinator, shared, 0, 'card', false],
  ['the coordinator with a share cannot make a link', coordinator, shared, 0, 'health-link', false],
  ['a hospital system cannot make a card', hospitalSystem, shared, 0, 'card', false],
  ['a paramedic who broke the glass cannot make a card', paramedic, emergency, 0, 'card', false],
  ['a paramedic who broke the glass cannot make a link', paramedic, emergency, 0, 'health-link', false],
  ['whoever opens a link cannot make a card', link, [], 0, 'card', false],
  ['whoever opens a link cannot make another link', link, [], 0, 'health-link', false],
  ['an admin cannot make a card', admin, [], 0, 'card', false],
  ['someone not signed in cannot make a card', anonymous, [], 0, 'card', false],
  ['a stranger cannot make a card', sara, [], 0, 'card', false],
];

describe('who may make a card, a printout or a link (and from what view)', () => {
  it.each(rows)('%s', (_what, actor, grants, hidden, what, permitted) => {
    const decision = decideIssuing(actor, what, 'aisha', grants, hidden);
    expect(decision.permit).toBe(permitted);
    expect(decision.reason).toBeTruthy();
    if (!permitted) expect(decision.explanation).toBeTruthy();
  });
});

describe('who runs the directory', () => {
  it.each([
    ['an admin', admin, true, true],
    ['a person', aisha, false, true],
    ['a professional', coordinator, false, true],
    ['a hospital system', hospitalSystem, false, true],
    ['someone with a link', link, false, true],
    ['someone not signed in', anonymous, false, false],
  ] as const)('%s', (_who, actor, permitted, signedIn) => {
    const decision = decideAdministration(actor);
    expect([decision.permit, decision.signedIn]).toEqual([permitted, signedIn]);
  });
});
