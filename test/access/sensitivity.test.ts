import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { sensitivityOf, type SensitiveCategory } from '../../src/access/sensitivity.ts';

const me = { reference: 'Patient/rina' };
const snomed = (code: string, display: string) => ({ coding: [{ system: 'http://snomed.info/sct', code, display }] });
const condition = (code: object): Resource => ({ resourceType: 'Condition', subject: me, code } as Resource);
const medicine = (medicationCodeableConcept: object): Resource => ({ resourceType: 'MedicationStatement', status: 'active', subject: me, medicationCodeableConcept } as Resource);
const labelled = (...security: object[]): Resource => ({ resourceType: 'Goal', lifecycleStatus: 'active', subject: me, description: { text: 'x' }, meta: { security } } as Resource);
const actCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const confidentiality = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

// what, resource, categories
const rows: Array<[string, Resource, SensitiveCategory[]]> = [
  ['a depression diagnosis by SNOMED code', condition(snomed('35489007', 'Depressive disorder')), ['mental-health']],
  ['a depression diagnosis outside the short code list, by its display', condition(snomed('66344007', 'Recurrent major depression')), ['mental-health']],
  ['a condition typed in her own words', condition({ text: 'HIV, well controlled' }), ['sexual-health']],
  ['a hip fracture', condition(snomed('5913000', 'Fracture of neck of femur')), []],
  ['hearing aids are not HIV or AIDS', condition({ text: 'Wears hearing aids' }), []],
  ['an antidepressant (dm+d name)', medicine({ coding: [{ system: 'https://dmd.nhs.uk', code: '39732311000001104', display: 'Sertraline 50mg tablets' }] }), ['mental-health']],
  ['an opioid substitute typed in words', medicine({ text: 'Methadone 1mg/1ml oral solution' }), ['alcohol-and-drugs']],
  ['an antiretroviral', medicine({ text: 'Tenofovir disoproxil 245mg tablets' }), ['sexual-health']],
  ['an antipsychotic by SNOMED display', medicine(snomed('386849001', 'Olanzapine')), ['mental-health']],
  ['paracetamol', medicine(snomed('387517004', 'Paracetamol')), []],
  ['an HL7 mental-health label', labelled({ system: actCode, code: 'PSY' }), ['mental-health']],
  ['an HL7 restricted label', labelled({ system: confidentiality, code: 'R' }), ['restricted']],
  ['an HL7 "normal" label adds nothing', labelled({ system: confidentiality, code: 'N' }), []],
  ['a label in her own words keeps it to herself', labelled({ display: 'Private: between me and my GP' }), ['restricted']],
  ['a label of some other system is taken as hers', labelled({ system: 'https://example.org/my-labels', code: 'family' }), ['restricted']],
];

describe('what makes an item sensitive', () => {
  it.each(rows)('%s', (_name, resource, categories) => {
    expect(sensitivityOf(resource).sort()).toEqual([...categories].sort());
  });
});
