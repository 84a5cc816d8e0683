import { describe, expect, it } from 'vitest';
import { scopesPermit } from '../../src/access/smart-scopes.ts';
import { grantScopes, parseScope } from '../../src/smart/scopes.ts';

describe('SMART system scopes', () => {
  it('reads v2 and v1 forms', () => {
    expect(parseScope('system/CarePlan.rs')).toEqual({ resourceType: 'CarePlan', rights: 'rs' });
    expect(parseScope('system/CarePlan.read')).toEqual({ resourceType: 'CarePlan', rights: 'rs' });
    expect(parseScope('system/*.cruds')).toEqual({ resourceType: '*', rights: 'cruds' });
    expect(parseScope('patient/CarePlan.rs')).toBeUndefined();
    expect(parseScope('system/CarePlan.sr')).toBeUndefined(); // letters keep the order c r u d s
  });

  it('grants only what was both asked for and registered', () => {
    expect(grantScopes('system/CarePlan.cruds system/Goal.rs', ['system/CarePlan.rs'])).toEqual(['system/CarePlan.rs']);
    expect(grantScopes('system/*.rs', ['system/CarePlan.rs', 'system/Goal.r'])).toEqual(['system/CarePlan.rs', 'system/Goal.r']);
    expect(grantScopes('system/Goal.read', ['system/*.rs'])).toEqual(['system/Goal.rs']);
    expect(grantScopes('system/Condition.rs nonsense', ['system/CarePlan.rs'])).toEqual([]);
  });

  it('lets a token do only what its scopes say', () => {
    expect(scopesPermit(['system/CarePlan.rs'], 'CarePlan', 's')).toBe(true);
    expect(scopesPermit(['system/CarePlan.rs'], 'CarePlan', 'c')).toBe(false);
    expect(scopesPermit(['system/*.r'], 'Goal', 'r')).toBe(true);
    expect(scopesPermit(['system/CarePlan.rs'], 'Goal', 'r')).toBe(false);
  });
});
