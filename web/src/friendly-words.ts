import type { Coding } from '@medplum/fhirtypes';
import { cprNotDecided, forCpr, notForCpr } from '../../src/summary/resuscitation.ts';
import { withDisplays } from '../../src/cards/offline-words.ts';

/**
 * The words a person reads for the codes of the pick-lists, UK English and everyday: "Neighbour",
 * not "neighbor"; "Anti-inflammatory painkillers", not "Non-steroidal anti-inflammatory agent". Only
 * what the page shows changes: the record keeps the code and the code system's own display, so
 * another system (or a crew's scanner) reads exactly what it always did. Pure.
 */
const sct = 'http://snomed.info/sct';
const roleCode = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const contactRole = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const ownRoles = 'https://redbag.example.org/fhir/CodeSystem/redbag-roles';

const table: Record<string, Record<string, string>> = {
  [sct]: {
    // Allergens
    '16403005': 'Anti-inflammatory painkillers (NSAIDs), such as ibuprofen or naproxen',
    '762952008': 'Peanuts',
    '102263004': 'Eggs',
    // Long-term conditions
    '44054006': 'Type 2 diabetes',
    '38341003': 'High blood pressure',
    '13645005': 'COPD (chronic obstructive pulmonary disease)',
    '52448006': 'Dementia',
    '709044004': 'Chronic kidney disease (CKD)',
    '35489007': 'Depression',
    '40930008': 'Underactive thyroid (hypothyroidism)',
    '5913000': 'Broken hip (hip fracture)',
    // Care team
    '62247001': 'GP (family doctor)',
    // Resuscitation
    [forCpr.code!]: 'For CPR: if the heart stops, try to restart it',
    [notForCpr.code!]: 'Not for CPR: if the heart stops, do not try to restart it',
  },
  [cprNotDecided.system!]: { [cprNotDecided.code!]: 'Not decided yet' },
  [roleCode]: {
    MTH: 'Mother', FTH: 'Father', DAU: 'Daughter', SON: 'Son', WIFE: 'Wife', HUSB: 'Husband', SPS: 'Husband, wife or civil partner',
    DOMPART: 'Partner', SIB: 'Brother or sister', GRNDCHILD: 'Grandchild', FRND: 'Friend', NBOR: 'Neighbour',
  },
  [contactRole]: { C: 'Emergency contact', N: 'Next of kin' },
  [ownRoles]: { carer: 'Carer (unpaid: family, friend or neighbour)' },
};

/** The everyday words for a coding: its friendly name where we have one, else its own display, else its code. */
export function friendly(coding: Coding): string {
  return table[coding.system ?? '']?.[coding.code ?? ''] ?? coding.display ?? coding.code ?? '';
}

/**
 * A copy of an entry with each known Coding's display swapped for its everyday words, to describe on
 * screen (with the same describe functions as the printout). Never written back: the copy is only read.
 */
export function withFriendlyWords<T>(node: T): T {
  return withDisplays(node, (coding) => table[coding.system ?? '']?.[coding.code ?? '']);
}
