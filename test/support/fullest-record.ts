import type { Resource } from '@medplum/fhirtypes';

/**
 * The record the card must hold whole (issue 12): 4 allergies, 6 long-term conditions, 8 medicines,
 * an emergency care and treatment plan and 2 contacts, shaped the way the portal's forms write them
 * (pick-list codes from fhir-profiles/ValueSet-*.json, what happens in her own words). Medicines
 * carry real SNOMED CT substance codes with their words, as an imported summary would.
 */
const sct = 'http://snomed.info/sct';
const hl7 = (system: string, code: string) => ({ coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }] });
const coded = (code: string, display: string) => ({ coding: [{ system: sct, code, display }] });

export const fullestAllergies: Array<[code: string, display: string, criticality: 'high' | 'low', happens: string]> = [
  ['387494007', 'Codeine', 'high', 'Anaphylaxis'],
  ['764146007', 'Penicillin', 'high', 'Swollen face and throat'],
  ['111088007', 'Latex', 'low', 'Itchy rash'],
  ['762952008', 'Peanut', 'high', 'Swelling of lips and tongue'],
];

export const fullestConditions: Array<[code: string, display: string]> = [
  ['44054006', 'Type 2 diabetes mellitus'],
  ['38341003', 'High blood pressure (hypertensive disorder)'],
  ['49436004', 'Atrial fibrillation'],
  ['84114007', 'Heart failure'],
  ['52448006', 'Dementia'],
  ['709044004', 'Chronic kidney disease'],
];

export const fullestMedicines: Array<[code: string, display: string, dose: string]> = [
  ['372567009', 'Metformin', '500 mg twice a day with food'],
  ['386864001', 'Amlodipine', '5 mg each morning'],
  ['373444002', 'Atorvastatin', '20 mg at night'],
  ['698090000', 'Apixaban', '5 mg twice a day'],
  ['386868003', 'Bisoprolol', '2.5 mg each morning'],
  ['387475002', 'Furosemide', '40 mg each morning'],
  ['372897005', 'Salbutamol', 'Two puffs when breathless'],
  ['387517004', 'Paracetamol', '1 g up to four times a day'],
];

export function fullestRecord(patientId: string): Resource[] {
  const me = { reference: `Patient/${patientId}` };
  const allergies = fullestAllergies.map(([code, display, criticality, happens]): Resource => ({
    resourceType: 'AllergyIntolerance',
    clinicalStatus: hl7('allergyintolerance-clinical', 'active'),
    verificationStatus: hl7('allergyintolerance-verification', 'confirmed'),
    code: coded(code, display),
    criticality,
    patient: me,
    reaction: [{ manifestation: [{ text: happens }] }],
  }));
  const conditions = fullestConditions.map(([code, display]): Resource => ({
    resourceType: 'Condition',
    clinicalStatus: hl7('condition-clinical', 'active'),
    code: coded(code, display),
    subject: me,
  }));
  const medicines = fullestMedicines.map(([code, display, dose]): Resource => ({
    resourceType: 'MedicationStatement',
    status: 'active',
    medicationCodeableConcept: coded(code, display),
    subject: me,
    dosage: [{ text: dose }],
  }));
  const plan: Resource = {
    resourceType: 'CarePlan',
    meta: { profile: ['https://redbag.example.org/fhir/StructureDefinition/redbag-emergency-care-plan'] },
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: 'https://redbag.example.org/fhir/CodeSystem/redbag-plan-kinds', code: 'emergency-care-treatment-plan', display: 'Emergency care and treatment plan (ReSPECT)' }] }],
    title: 'My emergency care and treatment plan',
    description: 'Treat in hospital if needed. Tell my daughter at once.',
    subject: me,
    activity: [{ detail: { status: 'in-progress', code: coded('304252001', 'For cardiopulmonary resuscitation'), description: 'For cardiopulmonary resuscitation' } }],
  };
  const contact = (given: string, family: string, role: string, roleWords: string, phone: string, contactRole: 'C' | 'N'): Resource => ({
    resourceType: 'RelatedPerson',
    patient: me,
    name: [{ given: [given], family }],
    relationship: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: role, display: roleWords }] },
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: contactRole, display: contactRole === 'C' ? 'Emergency Contact' : 'Next-of-Kin' }] },
    ],
    telecom: [{ system: 'phone', value: phone }],
  });
  return [
    ...allergies,
    ...conditions,
    ...medicines,
    plan,
    contact('Samira', 'Khan', 'DAU', 'daughter', '07700 900123', 'C'),
    contact('Joan', 'Price', 'NBOR', 'neighbor', '07700 900456', 'N'),
  ];
}
