import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { decide, decideVersions } from '../../src/access/decide.ts';

const aisha: Actor = { kind: 'person', accountId: 'a-aisha', patientId: 'aisha' };
const coordinator: Actor = { kind: 'professional', accountId: 'a-c', practitionerRoleId: 'role-c', practitionerId: 'prac-c', organizationId: 'northgate', role: 'discharge-coordinator' };
const paramedic: Actor = { kind: 'professional', accountId: 'a-er', practitionerRoleId: 'role-er', practitionerId: 'prac-er', organizationId: 'ambulance', role: 'clinician' };
const hospitalSystem: Actor = { kind: 'client', clientId: 'pas', organizationId: 'northgate', scopes: ['system/*.cruds'] };
const admin: Actor = { kind: 'admin', accountId: 'a-admin' };
const anonymous: Actor = { kind: 'anonymous' };
const service: Actor = { kind: 'system', purpose: 'tests' };
const link: Actor = { kind: 'link', linkId: 'l1', patientId: 'aisha' };

describe('who sees versions other than the current one', () => {
  const rows: Array<[string, Actor, boolean]> = [
    ['a person (her own, and those she cares for)', aisha, true],
    ['the service', service, true],
    ['a professional', coordinator, false],
    ['a clinician who broke the glass', paramedic, false],
    ['a hospital system', hospitalSystem, false],
    ['a health link', link, false],
    ['an admin', admin, false],
    ['someone not signed in', anonymous, false],
  ];
  it.each(rows)('%s: %s', (_name, actor, permit) => {
    expect(decideVersions(actor).permit).toBe(permit);
  });
});

describe('versions of directory entries', () => {
  it('a person reads earlier versions of an organisation; a professional reads its current version only', () => {
    const organisation = { resourceType: 'Organization', compartment: '' };
    expect(decide(aisha, 'vread', organisation).permit).toBe(true);
    expect(decide(aisha, 'history', organisation).permit).toBe(true);
    expect(decide(coordinator, 'read', organisation).permit).toBe(true);
    expect(decide(coordinator, 'vread', organisation).permit).toBe(false);
  });
});
