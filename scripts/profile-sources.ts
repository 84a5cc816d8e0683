import type { ElementDefinition } from '@medplum/fhirtypes';
import { canonicalBase, nhsNumberSystem } from '../src/profiles/canonical.ts';

/**
 * The wallet's profiles as differentials: what each changes on its R4 base. build-profiles.ts turns
 * each into a StructureDefinition with a full snapshot in fhir-profiles/.
 */
export interface ProfileSource {
  id: string;
  type: string;
  title: string;
  description: string;
  differential: ElementDefinition[];
}

/** Modulus 11 in FHIRPath, so any FHIR validator can check it, not only ours. */
const weighted = [10, 9, 8, 7, 6, 5, 4, 3, 2].map((w, i) => `value.substring(${i},1).toInteger()*${w}`).join(' + ');
const nhsNumberValid = `identifier.where(system='${nhsNumberSystem}').all(value.matches('^[0-9]{10}$') and ((11 - ((${weighted}) mod 11)) mod 11) = value.substring(9,1).toInteger())`;

export const profileSources: ProfileSource[] = [
  {
    id: 'redbag-patient',
    type: 'Patient',
    title: 'Red Bag Patient',
    description: 'The person whose record this is: at least one name, a date of birth, and an NHS number (if given) with a valid check digit.',
    differential: [
      {
        id: 'Patient',
        path: 'Patient',
        constraint: [
          {
            key: 'redbag-nhs-1',
            severity: 'error',
            human: 'The NHS number must be 10 digits with a valid check digit (modulus 11). Check it against a letter from the NHS or your GP, for example 943 476 5919.',
            expression: nhsNumberValid,
            source: `${canonicalBase}/StructureDefinition/redbag-patient`,
          },
        ],
      },
      { id: 'Patient.name', path: 'Patient.name', min: 1, short: 'The person’s name (at least one)' },
      { id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1, short: 'Date of birth: paramedics use it to confirm who someone is' },
    ],
  },
];
