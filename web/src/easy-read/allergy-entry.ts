import type { AllergyIntolerance } from '@medplum/fhirtypes';
import allergens from '../../../fhir-profiles/ValueSet-redbag-allergens.json' with { type: 'json' };
import type { Answers } from './content/types.ts';


const codings = allergens.compose.include.flatMap((inc) => (inc.concept ?? []).map((c) => ({ system: inc.system, code: c.code, display: c.display })));
export const clinical = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code }] });
export const confirmed = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] };
export const noneKnownCode = { coding: [{ system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy' }] };

/** The allergy her answers describe: one new entry, added on its own (nothing else in the record is touched). */
export function allergyFrom(answers: Answers, recordId: string): AllergyIntolerance {
  const coding = codings.find((c) => c.code === answers.what);
  return {
    resourceType: 'AllergyIntolerance',
    patient: { reference: `Patient/${recordId}` },
    clinicalStatus: clinical('active'),
    verificationStatus: confirmed,
    code: coding ? { coding: [coding] } : { text: answers.other ?? '' },
    criticality: answers.level as AllergyIntolerance['criticality'],
    ...(answers.reaction ? { reaction: [{ manifestation: [{ text: answers.reaction }] }] } : {}),
  };
}

