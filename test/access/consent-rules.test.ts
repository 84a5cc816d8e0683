import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { consentProblems } from '../../src/access/consent-rules.ts';
import { grantFromConsent, inForce } from '../../src/access/grants.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { shareMoment } from '../../src/access/share-dates.ts';
import { carerArrangement } from '../../src/carers/carer-resources.ts';

const now = new Date('2026-03-10T10:00:00Z');
const base: Consent = { ...shareConsent({ patientId: 'andrew', grantee: 'Organization/northgate', resourceTypes: ['CarePlan'], start: '2026-03-01', end: '2026-03-31', now }), id: 'the-share' };
const withProvision = (extra: Record<string, unknown>): Consent => ({ ...base, provision: { ...base.provision, ...extra } });
const period = (start: string, end: string) => withProvision({ period: { start, end } });

// what the share says, the Consent, the elements named in the refusal (none: accepted)
const rows: Array<[string, Consent, string[]]> = [
  ['a share as the portal writes it', base, []],
  ['a carer arrangement as the service writes it', { ...(carerArrangement({ patientId: 'andrew', carerAccountId: 'a', carerName: undefined, carerEmail: 'c@example.org', rights: 'manage', now, reason: 'cannot manage' }).entry![1]!.resource as Consent), id: 'carer', provision: { ...base.provision, actor: [{ role: { text: 'carer' }, reference: { reference: 'RelatedPerson/rp' } }] } }, []],
  ['a deny nested inside the permit', withProvision({ provision: [{ type: 'deny', class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'CarePlan' }] }] }), ['Consent.provision.provision']],
  ['single entries named in provision.data', withProvision({ data: [{ meaning: 'instance', reference: { reference: 'CarePlan/1' } }] }), ['Consent.provision.data']],
  ['a purpose', withProvision({ purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] }), ['Consent.provision.purpose']],
  ['codes', withProvision({ code: [{ text: 'only falls' }] }), ['Consent.provision.code']],
  ['a data period', withProvision({ dataPeriod: { start: '2025-01-01' } }), ['Consent.provision.dataPeriod']],
  ['a share that denies', withProvision({ type: 'deny' }), ['Consent.provision.type']],
  ['a modifier extension', { ...base, modifierExtension: [{ url: 'http://example.org/x', valueBoolean: true }] }, ['Consent.modifierExtension']],
  ['implicit rules', { ...base, implicitRules: 'http://example.org/rules' }, ['Consent.implicitRules']],
  ['an action Red Bag does not know', withProvision({ action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'disclose' }] }] }), ['Consent.provision.action[0]']],
  ['a class from another code system', withProvision({ class: [{ system: 'http://example.org', code: 'CarePlan' }] }), ['Consent.provision.class[0]']],
  ['a security label Red Bag does not know', withProvision({ securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'XYZ' }] }), ['Consent.provision.securityLabel[0]']],
  ['a grantee that is not an organisation, professional or carer', withProvision({ actor: [{ reference: { reference: 'Patient/someone' } }] }), ['Consent.provision.actor[0].reference']],
  ['an end at a leap second', period('2026-03-01', '2026-12-31T23:59:60Z'), ['Consent.provision.period.end']],
  ['an end on 30 February', period('2026-02-01', '2026-02-30'), ['Consent.provision.period.end']],
  ['an end at hour 24', period('2026-02-01', '2026-12-31T24:00:00Z'), ['Consent.provision.period.end']],
  ['a start that is only a year', period('2026', '2026-12-31'), ['Consent.provision.period.start']],
  ['an end before the start', period('2026-03-31', '2026-03-01'), ['Consent.provision.period.end']],
  ['a recorded time that is not a time', { ...base, dateTime: '2026-03-10T10:00:60Z' }, ['Consent.dateTime']],
  ['an end with a time zone', period('2026-03-01', '2026-12-31T23:59:59+01:00'), []],
  ['a share being ended keeps whatever it said (it grants nothing)', { ...withProvision({ data: [{ meaning: 'instance', reference: { reference: 'CarePlan/1' } }] }), status: 'inactive' }, []],
];

describe('what a share may say: only what is enforced, with dates that can be read', () => {
  it.each(rows)('%s', (_what, consent, elements) => {
    const problems = consentProblems(consent);
    expect(problems.map((p) => p.expression?.[0])).toEqual(elements);
    for (const p of problems) expect(p.details?.text).toBeTruthy();
  });

  it('a stored share that says more than is enforced grants nothing, and never throws', () => {
    for (const [, consent, elements] of rows) {
      if (consent.status !== 'active') continue;
      const grant = grantFromConsent(consent);
      expect(grant === undefined).toBe(elements.length > 0);
    }
  });

  it('a grant with an unreadable date is not in force, without throwing', () => {
    const grant = grantFromConsent(base)!;
    expect(inForce({ ...grant, end: '2026-12-31T23:59:60Z' }, now)).toBe(false);
    expect(inForce({ ...grant, start: 'not a date' }, now)).toBe(false);
    expect(inForce(grant, now)).toBe(true);
  });
});

describe('reading a share’s dates', () => {
  it.each([
    ['2026-03-10', 'start', Date.parse('2026-03-10T00:00:00.000Z')],
    ['2026-03-10', 'end', Date.parse('2026-03-10T23:59:59.999Z')],
    ['2026-03-10T10:00:00Z', 'end', Date.parse('2026-03-10T10:00:00Z')],
    ['2026-03-10T10:00:00.5+01:00', 'end', Date.parse('2026-03-10T09:00:00.500Z')],
    ['2024-02-29', 'start', Date.parse('2024-02-29T00:00:00Z')],
    ['2026-02-29', 'start', undefined],
    ['2026-12-31T23:59:60Z', 'end', undefined],
    ['2026-13-01', 'start', undefined],
    ['2026-03-10T10:00:00', 'start', undefined],
    ['2026-03-10T10:00:00+15:00', 'start', undefined],
    ['0099-01-01', 'start', undefined],
    ['', 'start', undefined],
  ] as const)('%s (%s)', (value, side, expected) => {
    expect(shareMoment(value, side)).toBe(expected);
  });
});
