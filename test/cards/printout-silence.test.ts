import { describe, expect, it } from 'vitest';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { printoutContent } from '../../src/cards/printout-content.ts';
import { buildRedBag } from '../../src/summary/build-red-bag.ts';
import { fullestRecord } from '../support/fullest-record.ts';

const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ given: ['Aisha'], family: 'Khan' }], birthDate: '1945-03-02' };
const summaryOf = (resources: Resource[]) =>
  buildRedBag({ patient, resources: [patient, ...resources.map((r, i) => ({ ...r, id: `r${i}` }) as Resource)], now: new Date('2026-11-30T09:00:00Z'), baseUrl: 'https://redbag.test/fhir', summaryId: 's1' });

describe('the printout’s words never turn silence into absence (pure)', () => {
  it('prints every allergy, problem and medicine of her record, and says when she has more contacts than the page shows', () => {
    const content = printoutContent(summaryOf(fullestRecord('p1')), new Date('2026-11-30T09:00:00Z'));
    expect(content.allergies).toHaveLength(4);
    expect(content.conditions).toHaveLength(6);
    expect(content.medicines).toHaveLength(8);
    expect(content.contact).toBe('Samira Khan (daughter, Emergency Contact) — 07700 900123 (and 1 more contact: open the Red Bag link or ask)');
  });

  it('says “no known allergies” only for her statement, never as a risk', () => {
    const statement = { resourceType: 'AllergyIntolerance', criticality: 'high', code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003' }] }, patient: { reference: 'Patient/p1' } } as Resource;
    expect(printoutContent(summaryOf([statement]), new Date()).allergies).toEqual(['No known allergies']);
    expect(printoutContent(summaryOf([]), new Date()).allergies).toEqual(['Allergies not recorded — ask']);
  });
});
