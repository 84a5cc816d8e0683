import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { isValidNhsNumber } from '../../src/profiles/nhs-number.ts';
import { createValidator } from '../../src/profiles/validator.ts';

const validator = createValidator({ profileDir: new URL('../../fhir-profiles', import.meta.url).pathname });
const errors = (resource: object) => validator.validate(resource as Resource).filter((i) => i.severity === 'error');

const patient = (extra: object = {}) => ({ resourceType: 'Patient', name: [{ family: 'Khan', given: ['Aisha'] }], birthDate: '1945-03-02', ...extra });
const nhs = (value: string) => ({ identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value }] });
const allergy = (extra: object = {}) => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code: '387494007', display: 'Codeine' }] },
  patient: { reference: 'Patient/1' },
  criticality: 'high',
  ...extra,
});

describe('validation of every write', () => {
  it('accepts a good Patient and a good allergy', () => {
    expect(errors(patient(nhs('9434765919')))).toEqual([]);
    expect(errors(allergy())).toEqual([]);
  });

  it.each([
    ['a Patient without a name', patient({ name: undefined }), 'Patient.name', /required/],
    ['a Patient without a date of birth', patient({ birthDate: undefined }), 'Patient.birthDate', /required/],
    ['an NHS number with a wrong check digit', patient(nhs('9434765918')), 'Patient.identifier[0].value', /check digit/],
    ['an NHS number of 9 digits', patient(nhs('943476591')), 'Patient.identifier[0].value', /10 digits/],
    ['gender outside its value set', patient({ gender: 'x' }), 'Patient.gender', /not an allowed value.*female/],
    ['criticality outside its value set', allergy({ criticality: 'extreme' }), 'AllergyIntolerance.criticality', /low, high, unable-to-assess/],
    ['a clinical status from no known system', allergy({ clinicalStatus: { coding: [{ system: 'http://example.org', code: 'active' }] } }), 'AllergyIntolerance.clinicalStatus', /allergyintolerance-clinical/],
    ['an element that does not exist', allergy({ severity: 'high' }), 'AllergyIntolerance.severity', /not part of this kind of record/],
    ['a date written the British way', patient({ birthDate: '02/03/1945' }), 'Patient.birthDate', /year-month-day/],
    ['a claim to a Red Bag profile that does not exist', allergy({ meta: { profile: ['https://redbag.example.org/fhir/StructureDefinition/nope'] } }), 'AllergyIntolerance.meta.profile', /not one this service knows/],
  ])('refuses %s, naming the element in plain words', (_name, resource, expression, text) => {
    const found = errors(resource);
    const issue = found.find((i) => i.expression?.[0] === expression);
    expect(issue, JSON.stringify(found)).toBeDefined();
    expect(issue!.details?.text).toMatch(text);
    expect(issue!.details?.text).not.toMatch(/Invalid additional property|Missing required property|Constraint .* not met/);
  });

  it('accepts profiles of other publishers as claims (UK Core)', () => {
    expect(errors(allergy({ meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance'] } }))).toEqual([]);
  });

  it('knows real NHS numbers from near misses', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('1234567890')).toBe(false); // check digit would be 10: never issued
  });
});
