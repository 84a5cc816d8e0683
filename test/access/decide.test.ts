import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { decide, type Action } from '../../src/access/decide.ts';
import { searchScope } from '../../src/access/search-scope.ts';

const aisha: Actor = { kind: 'person', accountId: 'acc-aisha', patientId: 'aisha' };
const anonymous: Actor = { kind: 'anonymous' };
const service: Actor = { kind: 'system', purpose: 'sign-up' };
const link: Actor = { kind: 'link', linkId: 'l1', patientId: 'aisha' };

// caller, action, resource type, compartment, permitted?
const rows: Array<[string, Actor, Action, string, string, boolean]> = [
  ['a person reads her own allergy', aisha, 'read', 'AllergyIntolerance', 'aisha', true],
  ['a person searches her own record', aisha, 'search', 'Condition', 'aisha', true],
  ['a person adds to her own record', aisha, 'create', 'Goal', 'aisha', true],
  ['a person changes her own support plan', aisha, 'update', 'CarePlan', 'aisha', true],
  ['a person removes one of her own medicines', aisha, 'delete', 'MedicationStatement', 'aisha', true],
  ['a person reads her own history', aisha, 'history', 'Condition', 'aisha', true],
  ['a person runs $everything on her own record', aisha, 'operation', 'Patient', 'aisha', true],
  ['a person cannot read someone else’s allergy', aisha, 'read', 'AllergyIntolerance', 'rina', false],
  ['a person cannot add to someone else’s record', aisha, 'create', 'AllergyIntolerance', 'rina', false],
  ['a person cannot change someone else’s plan', aisha, 'update', 'CarePlan', 'rina', false],
  ['a person cannot delete from someone else’s record', aisha, 'delete', 'Condition', 'rina', false],
  ['a person cannot see someone else’s history', aisha, 'history', 'Condition', 'rina', false],
  ['a person cannot delete her Patient resource', aisha, 'delete', 'Patient', 'aisha', false],
  ['a person reads her own audit records', aisha, 'read', 'AuditEvent', 'aisha', true],
  ['a person cannot write an audit record', aisha, 'create', 'AuditEvent', 'aisha', false],
  ['a person cannot change an audit record', aisha, 'update', 'AuditEvent', 'aisha', false],
  ['a person cannot delete an audit record', aisha, 'delete', 'AuditEvent', 'aisha', false],
  ['a person reads the directory of organisations', aisha, 'read', 'Organization', '', true],
  ['a person cannot change the directory', aisha, 'update', 'Organization', '', false],
  ['nobody unsigned reads anything', anonymous, 'read', 'AllergyIntolerance', 'aisha', false],
  ['nobody unsigned reads the directory', anonymous, 'read', 'Organization', '', false],
  ['the service creates a Patient at sign-up', service, 'create', 'Patient', 'new', true],
  ['a health link reads the record it was made for', link, 'operation', 'Patient', 'aisha', true],
  ['a health link reads nobody else’s record', link, 'read', 'AllergyIntolerance', 'rina', false],
  ['a health link changes nothing', link, 'update', 'AllergyIntolerance', 'aisha', false],
];

describe('the access decision', () => {
  it.each(rows)('%s', (_name, actor, action, resourceType, compartment, permit) => {
    const decision = decide(actor, action, { resourceType, compartment });
    expect(decision.permit).toBe(permit);
    expect(decision.reason.length).toBeGreaterThan(0);
  });

  it('confines a person’s searches to her own record, and directory searches to the directory', () => {
    expect(searchScope(aisha, 'Condition')).toEqual({ compartments: ['aisha'] });
    expect(searchScope(aisha, undefined)).toEqual({ compartments: ['aisha'] });
    expect(searchScope(aisha, 'Organization')).toEqual({ compartments: [''] });
    expect(searchScope(anonymous, 'Condition')).toEqual({ compartments: [] });
  });
});
