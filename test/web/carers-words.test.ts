import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { CarePlan, Patient, RelatedPerson } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import allergens from '../../fhir-profiles/ValueSet-redbag-allergens.json' with { type: 'json' };
import relationships from '../../fhir-profiles/ValueSet-redbag-relationships.json' with { type: 'json' };
import conditions from '../../fhir-profiles/ValueSet-redbag-long-term-conditions.json' with { type: 'json' };
import careTeamRoles from '../../fhir-profiles/ValueSet-redbag-care-team-roles.json' with { type: 'json' };
import resuscitation from '../../fhir-profiles/ValueSet-redbag-resuscitation.json' with { type: 'json' };
import { carerAccountSystem } from '../../src/access/carer-identity.ts';
import { printoutContent } from '../../src/cards/printout-content.ts';
import { issueCard } from '../../src/cards/issue-card.ts';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { createValidator } from '../../src/profiles/validator.ts';
import { buildRedBag } from '../../src/summary/build-red-bag.ts';
import { resuscitationDecision } from '../../src/summary/resuscitation.ts';
import { friendly, withFriendlyWords } from '../../web/src/friendly-words.ts';
import { recordSections } from '../../web/src/record-sections.ts';
import { recordOnScreen, safeBack } from '../../web/src/record-choice.ts';
import { codeInLink } from '../../web/src/invitation.ts';
import { emergencyView } from '../../web/src/scan/emergency-view.ts';
import { birthDateFromParts, readUkDate, showDate } from '../../web/src/uk-dates.ts';
import { searchFor } from '../../web/src/patient-search.ts';
import { canBeCalled } from '../../web/src/who-to-call.ts';
import { describeContact } from '../../src/summary/describe.ts';

const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ given: ['Russell'], family: 'Evans' }], birthDate: '1944-06-14' };
const emergencyWishes = recordSections.find((s) => s.path === '/emergency-wishes')!;

describe('whose record a carer is looking after (pure)', () => {
  it('opens the chosen record only while she still cares for that person; otherwise her own', () => {
    const caringFor = [{ patient: 'Patient/russell' }];
    expect(recordOnScreen('russell', 'doris', caringFor)).toBe('russell');
    expect(recordOnScreen('someone-else', 'doris', caringFor)).toBe('doris'); // ended, or never hers to choose
    expect(recordOnScreen(undefined, 'doris', caringFor)).toBe('doris');
    expect(recordOnScreen('russell', 'doris', [])).toBe('doris');
  });

  it('after switching she goes back to the page she was on, never to another site', () => {
    expect(safeBack('/allergies')).toBe('/allergies');
    expect(safeBack('/carers/accept?code=ABCD-EFGH')).toBe('/carers/accept?code=ABCD-EFGH');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/whose-record', null]) expect(safeBack(bad), String(bad)).toBe('/home');
  });

  it('an invitation link is recognised by its path and code, and nothing else is', () => {
    expect(codeInLink('/carers/accept', '?code=ABCD-EFGH-JKLM')).toBe('ABCD-EFGH-JKLM');
    expect(codeInLink('/carers/accept/', '?code=%20ABCD%20')).toBe('ABCD');
    expect(codeInLink('/carers', '?code=ABCD')).toBeUndefined();
    expect(codeInLink('/carers/accept', '')).toBeUndefined();
  });
});

describe('who counts as someone to call (pure)', () => {
  const contact = (extra: Partial<RelatedPerson>): RelatedPerson => ({ resourceType: 'RelatedPerson', patient: { reference: 'Patient/p1' }, name: [{ text: 'Betty' }], ...extra });
  it('a phone number or an email address, current and not blank; a name alone does not', () => {
    expect(canBeCalled(contact({ telecom: [{ system: 'phone', value: '07700 900123' }] }))).toBe(true);
    expect(canBeCalled(contact({ telecom: [{ system: 'email', value: 'betty@example.org' }] }))).toBe(true);
    expect(canBeCalled(contact({}))).toBe(false);
    expect(canBeCalled(contact({ telecom: [{ system: 'phone', value: '  ' }] }))).toBe(false);
    expect(canBeCalled(contact({ telecom: [{ system: 'phone', value: '07700 900123', period: { end: '2001-01-01' } }] }))).toBe(false);
    expect(canBeCalled(contact({ active: false, telecom: [{ system: 'phone', value: '07700 900123' }] }))).toBe(false);
  });

  it('a carer linked through her account counts only once a phone number is recorded for her (her sign-in email says nothing)', () => {
    const carer = contact({ identifier: [{ system: carerAccountSystem, value: 'account-1' }], telecom: [{ system: 'email', value: 'doris@example.org' }] });
    expect(canBeCalled(carer)).toBe(false);
    expect(canBeCalled({ ...carer, telecom: [...carer.telecom!, { system: 'phone', value: '07700 900456' }] })).toBe(true);
    const contacts = recordSections.find((s) => s.path === '/contacts')!;
    expect(contacts.describe(carer)).toMatch(/no phone number: add one so they can be called$/);
  });
});

describe('pick-lists in everyday UK words; the record keeps the code’s own (pure)', () => {
  const sets = { allergens, relationships, conditions, careTeamRoles, resuscitation } as Record<string, { compose: { include: { system: string; concept?: { code: string; display: string }[] }[] } }>;
  const shown = Object.values(sets).flatMap((set) => set.compose.include.flatMap((inc) => (inc.concept ?? []).map((c) => friendly({ system: inc.system, code: c.code, display: c.display }))));

  it('no code-list jargon, US spelling or lower-case labels in any pick-list', () => {
    expect(shown).not.toContain('');
    for (const label of shown) {
      expect(label, label).toMatch(/^[A-Z]/);
      expect(label, label).not.toMatch(/neighbor|unrelated|Non-steroidal|agent$|mellitus|disorder\)?$|cardiopulmonary|Next-of-Kin/);
    }
    expect(shown).toEqual(expect.arrayContaining(['Neighbour', 'Friend', 'Next of kin', 'Not decided yet', 'Anti-inflammatory painkillers (NSAIDs), such as ibuprofen or naproxen']));
  });

  it('a contact is described in friendly words on screen, while the stored coding is untouched', () => {
    const betty: RelatedPerson = { resourceType: 'RelatedPerson', patient: { reference: 'Patient/p1' }, name: [{ text: 'Betty' }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'NBOR', display: 'neighbor' }] }] };
    expect(describeContact(withFriendlyWords(betty))).toBe('Betty (Neighbour)');
    expect(betty.relationship![0]!.coding![0]!.display).toBe('neighbor');
  });
});

describe('“not decided yet” for resuscitation: recorded on purpose, shown as not decided (pure)', () => {
  const plan = { ...(emergencyWishes.fromForm({ cpr: 'not-yet-decided', wishes: 'Talk to my daughter first' }, 'Patient/p1') as CarePlan), id: 'ecp' };

  it('is a valid emergency plan with its own code, neither a decision nor silence', () => {
    const validator = createValidator({ profileDir: new URL('../../fhir-profiles', import.meta.url).pathname });
    expect(validator.validate(plan).filter((i) => i.severity === 'error')).toEqual([]);
    expect(resuscitationDecision(plan)).toBe('not-decided');
    expect(plan.activity?.[0]?.detail).toMatchObject({ status: 'not-started', code: { coding: [{ code: 'not-yet-decided', display: 'Resuscitation (CPR) not decided yet' }] } });
    expect(emergencyWishes.describe(withFriendlyWords(plan))).toBe('Not decided yet — Talk to my daughter first');
  });

  it('the summary, the printout and the crew’s card all say “not decided yet”', async () => {
    const summary = buildRedBag({ patient, resources: [patient, plan], now: new Date('2026-11-30T09:00:00Z'), baseUrl: 'https://redbag.test/fhir', summaryId: '6d1c6a8e-3f0b-4a53-9a55-0f0e7c1d2b3a' });
    expect(emergencyView(summary).resuscitation).toMatchObject({ state: 'listed', items: ['Resuscitation (CPR) not decided yet', 'Talk to my daughter first'] });
    expect(printoutContent(summary, new Date()).resuscitation).toBe('Resuscitation (CPR) not decided yet');

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk);
    const key = (await importJWK({ ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256' }, 'ES256')) as CryptoKey;
    const card = await issueCard({ summary, iss: 'https://redbag.test', now: new Date(), rid: 'r1', signer: { kid, key }, baseUrl: 'https://redbag.test/fhir' });
    const read = (await verifyHealthCard(card.jws, { keys: [{ ...jwk, kid }] })).fhirBundle;
    expect(emergencyView(read).resuscitation.items[0]).toBe('Resuscitation (CPR) not decided yet');
  });
});

describe('dates, UK style (pure)', () => {
  it('shown as “14 June 1944”', () => {
    expect(showDate('1944-06-14')).toBe('14 June 1944');
  });

  it('a professional finds a date of birth typed in any usual UK form', () => {
    for (const typed of ['14/06/1944', '14-6-1944', '14.06.1944', '14 June 1944', '14 Jun 1944', '14th June 1944', '1944-06-14', ' 14 / 6 / 1944 ']) {
      expect(readUkDate(typed), typed).toBe('1944-06-14');
      expect(searchFor(typed), typed).toBe('birthdate=1944-06-14');
    }
    expect(readUkDate('06/07/1944')).toBe('1944-07-06'); // day first, as in the UK
    for (const typed of ['31/06/1944', '29/02/1943', '14 Foo 1944', '14/06/44', 'Evans']) expect(readUkDate(typed), typed).toBeUndefined();
    expect(searchFor('943 476 5919')).toBe('identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919');
    expect(searchFor('Russell Evans')).toBe('name=Russell%20Evans');
  });

  it('the date of birth from day, month and year boxes, with the NHS.UK messages', () => {
    const today = '2026-11-30';
    expect(birthDateFromParts({ day: '14', month: '6', year: '1944' }, today)).toEqual({ date: '1944-06-14' });
    expect(birthDateFromParts({ day: '14', month: 'June', year: '1944' }, today)).toEqual({ date: '1944-06-14' });
    expect(birthDateFromParts({ day: '', month: '', year: '' }, today)).toEqual({ problem: { part: 'day', text: 'Enter your date of birth' } });
    expect(birthDateFromParts({ day: '14', month: '', year: '1944' }, today)).toEqual({ problem: { part: 'month', text: 'Date of birth must include a month' } });
    expect(birthDateFromParts({ day: '31', month: '6', year: '1944' }, today)).toEqual({ problem: { part: 'day', text: 'Date of birth must be a real date' } });
    expect(birthDateFromParts({ day: '1', month: '13', year: '1944' }, today)).toEqual({ problem: { part: 'month', text: 'Date of birth must be a real date' } });
    expect(birthDateFromParts({ day: '14', month: '6', year: '44' }, today)).toEqual({ problem: { part: 'year', text: 'Year must include 4 numbers' } });
    expect(birthDateFromParts({ day: '1', month: '12', year: '2026' }, today)).toEqual({ problem: { part: 'day', text: 'Date of birth must be in the past' } });
  });
});
