import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.ts';
import { emergencyConsent } from '../../src/access/emergency-access.ts';
import { grantFromConsent, type Grant } from '../../src/access/grants.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { coverageOf } from '../../src/access/share-coverage.ts';
import { recordTypes } from '../../src/fhir/resource-types.ts';

const now = new Date('2026-03-10T10:00:00Z');
const coordinator: Actor = { kind: 'professional', accountId: 'a-c', practitionerRoleId: 'role-c', practitionerId: 'prac-c', organizationId: 'northgate', role: 'discharge-coordinator' };
const paramedic: Actor = { kind: 'professional', accountId: 'a-er', practitionerRoleId: 'role-er', practitionerId: 'prac-er', organizationId: 'ambulance', role: 'clinician' };
const grant = (id: string, patientId: string, types: string[], end: string, actions?: ('access' | 'collect')[]): Grant =>
  grantFromConsent({ ...shareConsent({ patientId, grantee: 'Organization/northgate', resourceTypes: types, start: '2026-03-01', end, ...(actions ? { actions } : {}), now }), id })!;

/** What the portal is told a professional's access covers: every answer is decide()'s, never wider. */
describe('what a professional’s access to one record covers (pure)', () => {
  it('the shared types, the latest end of the shares for this record only, and what she may add', () => {
    const grants = [grant('s1', 'andrew', ['CarePlan', 'Goal'], '2026-04-01'), grant('s2', 'andrew', ['RelatedPerson'], '2026-05-01', ['access', 'collect']), grant('s3', 'rina', ['AllergyIntolerance'], '2027-01-01')];
    expect(coverageOf(coordinator, 'andrew', grants)).toEqual({
      resourceTypes: ['Patient', 'RelatedPerson', 'CarePlan', 'Goal'].sort((a, b) => orderOf(a) - orderOf(b)),
      sharedUntil: '2026-05-01',
      may: { addNotes: true, proposeChange: true, writeSummary: true, openEmergency: false },
    });
  });

  it('nothing at all for a record not shared with her', () => {
    expect(coverageOf(coordinator, 'andrew', [grant('s3', 'rina', ['CarePlan'], '2027-01-01')])).toBeUndefined();
    expect(coverageOf(coordinator, 'andrew', [])).toBeUndefined();
  });

  it('an emergency access: when it ends, the emergency types, read only, and no "shared until"', () => {
    const opened = new Date('2026-03-10T09:30:00Z');
    const emergency = grantFromConsent({ ...emergencyConsent({ patientId: 'aisha', practitionerRoleId: 'role-er', reason: 'Collapsed in the street', now: opened }), id: 'btg' })!;
    const coverage = coverageOf(paramedic, 'aisha', [emergency])!;
    expect(coverage.emergencyUntil).toBe('2026-03-10T10:30:00.000Z');
    expect(coverage.sharedUntil).toBeUndefined();
    expect(coverage.resourceTypes).toEqual(expect.arrayContaining(['AllergyIntolerance', 'MedicationStatement', 'Condition']));
    expect(coverage.resourceTypes).not.toContain('Composition');
    expect(coverage.may).toEqual({ addNotes: false, proposeChange: false, writeSummary: false, openEmergency: true });
    // The same Consent means nothing to anyone but the clinician it names.
    expect(coverageOf(coordinator, 'aisha', [emergency])).toBeUndefined();
  });
});

const orderOf = (type: string): number => (recordTypes as readonly string[]).indexOf(type);
