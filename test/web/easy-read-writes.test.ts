import type { CarePlan, CareTeam, MedicationStatement } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { allergyFrom } from '../../web/src/easy-read/allergy-entry.ts';
import { birthDateOf, longDate } from '../../web/src/easy-read/dates.ts';
import { restartAnswer, withRestartAnswer } from '../../web/src/easy-read/emergency-plan.ts';
import { linesOf, removableAlone } from '../../web/src/easy-read/entries.ts';

const oneLine = () => 'one line';
const notFor = { system: 'http://snomed.info/sct', code: '304253006', display: 'Not for cardiopulmonary resuscitation' };

describe('what easy read writes', () => {
  it('changes only the restart answer in an existing emergency plan, keeping every other activity and field', () => {
    const plan: CarePlan = {
      resourceType: 'CarePlan', id: 'p1', status: 'active', intent: 'plan', subject: { reference: 'Patient/a' }, description: 'Treat at home if possible',
      activity: [
        { detail: { status: 'in-progress', description: 'Call her daughter first' } },
        { progress: [{ text: 'Signed by Dr Patel' }], detail: { status: 'in-progress', code: { coding: [{ system: 'http://snomed.info/sct', code: '304252001', display: 'For cardiopulmonary resuscitation' }] } } },
      ],
    };
    const changed = withRestartAnswer(plan, notFor, undefined);
    expect(changed.activity![0]).toEqual(plan.activity![0]);
    expect(changed.activity![1]!.progress).toEqual([{ text: 'Signed by Dr Patel' }]);
    expect(restartAnswer(changed)).toBe('304253006');
    expect(changed.description).toBe('Treat at home if possible'); // nothing new written: the old words stay
    expect(withRestartAnswer(plan, notFor, 'Stay at home').description).toBe('Stay at home');
    // A plan with no answer yet gets one, in front of what it had.
    const first = withRestartAnswer({ ...plan, activity: [plan.activity![0]!] }, notFor, undefined);
    expect(first.activity).toHaveLength(2);
    expect(first.activity![1]).toEqual(plan.activity![0]);
  });

  it('builds one new allergy from the answers: a listed one coded, anything else in her words', () => {
    const codeine = allergyFrom({ what: '387494007', reaction: 'My face swells up', level: 'high' }, 'a');
    expect(codeine).toMatchObject({ patient: { reference: 'Patient/a' }, criticality: 'high', code: { coding: [{ code: '387494007', display: 'Codeine' }] }, reaction: [{ manifestation: [{ text: 'My face swells up' }] }] });
    expect(codeine.id).toBeUndefined();
    const cats = allergyFrom({ what: 'other', other: 'Cats', level: 'low' }, 'a');
    expect(cats.code).toEqual({ text: 'Cats' });
    expect(cats.reaction).toBeUndefined();
  });

  it('shows each person or activity of a shared resource on its own line, and offers to take away only a resource holding one', () => {
    const team: CareTeam = { resourceType: 'CareTeam', participant: [{ member: { display: 'Dr Patel' } }, { member: { display: 'Betty' } }] };
    expect(linesOf(team, oneLine)).toEqual(['Member: Dr Patel', 'Member: Betty']);
    expect(removableAlone(team, oneLine)).toBe(false);
    const plan: CarePlan = { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: {}, activity: [{ detail: { status: 'in-progress', description: 'Physio', scheduledString: 'Tuesdays' } }, { detail: { status: 'in-progress', description: 'Shopping' } }] };
    expect(linesOf(plan, oneLine)).toEqual(['Physio — Tuesdays', 'Shopping']);
    expect(removableAlone(plan, oneLine)).toBe(false);
    const medicine: MedicationStatement = { resourceType: 'MedicationStatement', status: 'active', subject: {}, medicationCodeableConcept: { text: 'Paracetamol' } };
    expect(removableAlone(medicine, oneLine)).toBe(true);
  });

  it('shows dates the UK way in words', () => {
    expect(longDate('2027-06-14')).toBe('14 June 2027');
    expect(longDate('2027-06-14T23:30:00+01:00')).toBe('14 June 2027');
    expect(longDate(undefined)).toBe('');
    // A birthday typed in three boxes, as the NHS.UK date input asks for it.
    expect(birthDateOf('2', '3', '1945')).toBe('1945-03-02');
    expect(birthDateOf(' 14 ', '06', '1944')).toBe('1944-06-14');
    for (const [d, m, y] of [['31', '2', '1950'], ['', '3', '1945'], ['2', '13', '1945'], ['2', '3', '45'], ['1', '1', '2999'], ['x', '3', '1945']]) expect(birthDateOf(d!, m!, y!), `${d}/${m}/${y}`).toBeUndefined();
  });
});
