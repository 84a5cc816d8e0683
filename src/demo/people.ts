import type { Patient, Resource } from '@medplum/fhirtypes';
import { bornYearsAgo, dayFrom, me, nhsNumber, relationship, snomed, status } from './fhir-builders.ts';

export interface DemoPerson {
  email: string;
  password: string;
  name: { given: string; family: string };
  birthDate: string;
  patientExtras: Partial<Patient>;
  /** Her record, referring to her as Patient/{{patient}} and to each other by urn:uuid fullUrl. */
  resources: Array<{ fullUrl: string; resource: Resource }>;
}

const activeCondition = status('condition-clinical', 'active');
const confirmedAllergy = status('allergyintolerance-verification', 'confirmed');
const activeAllergy = status('allergyintolerance-clinical', 'active');
const urn = (n: number, person: number): string => `urn:uuid:00000000-0000-4000-8000-${String(person).padStart(4, '0')}${String(n).padStart(8, '0')}`;

/** The people of the product's stories, as of `today` (ages and appointments stay right). */
export function demoPeople(today: Date): DemoPerson[] {
  return [aisha(today), andrew(today), rina(today), mike(today)];
}

function aisha(today: Date): DemoPerson {
  const u = (n: number): string => urn(n, 1);
  return {
    email: 'aisha@example.org',
    password: 'knitting on thursdays',
    name: { given: 'Aisha', family: 'Khan' },
    birthDate: bornYearsAgo(today, 81),
    patientExtras: { gender: 'female', identifier: [nhsNumber('9990000018')], telecom: [{ system: 'phone', value: '01632 960001', use: 'home' }] },
    resources: [
      { fullUrl: u(1), resource: { resourceType: 'AllergyIntolerance', clinicalStatus: activeAllergy, verificationStatus: confirmedAllergy, type: 'allergy', category: ['medication'], criticality: 'high', code: snomed('387494007', 'Codeine'), patient: me, reaction: [{ manifestation: [snomed('39579001', 'Anaphylaxis')], severity: 'severe', description: 'Collapsed and could not breathe after codeine in 2019' }] } },
      { fullUrl: u(2), resource: { resourceType: 'Condition', clinicalStatus: activeCondition, code: snomed('5913000', 'Fracture of neck of femur'), subject: me, onsetDateTime: dayFrom(today, -20) } },
      { fullUrl: u(3), resource: { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: snomed('387517004', 'Paracetamol'), subject: me, dosage: [{ text: 'Two 500 mg tablets up to four times a day for pain' }] } },
      { fullUrl: u(4), resource: { resourceType: 'RelatedPerson', patient: me, relationship: relationship('DAU', 'daughter', 'N'), name: [{ given: ['Samira'], family: 'Khan' }], telecom: [{ system: 'phone', value: '07700 900123', use: 'mobile' }] } },
      { fullUrl: u(5), resource: { resourceType: 'RelatedPerson', patient: me, relationship: relationship('NBOR', 'neighbor'), name: [{ given: ['Joan'], family: 'Price' }], telecom: [{ system: 'phone', value: '07700 900456' }] } },
      { fullUrl: u(6), resource: { resourceType: 'CareTeam', status: 'active', name: 'Aisha’s care team', subject: me, participant: [{ role: [{ text: 'Home care coordinator' }], member: { display: 'Betty Owusu, Northgate Home Care' } }, { role: [{ text: 'GP' }], member: { display: 'Dr Patel, Northgate Surgery' } }] } },
      { fullUrl: u(7), resource: { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Get back to my knitting class on Thursdays' }, subject: me } },
      { fullUrl: u(8), resource: { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'My support plan', subject: me, goal: [{ reference: u(7) }], activity: [{ detail: { status: 'in-progress', description: 'Home care visit every morning to help me wash and dress', scheduledString: 'Daily, 8am' } }, { detail: { status: 'scheduled', description: 'Knitting class at the library (Joan drives me)', scheduledString: 'Thursdays, 2pm' } }] } },
      { fullUrl: u(9), resource: { resourceType: 'Appointment', status: 'booked', description: 'Fracture clinic follow-up', start: dayFrom(today, 6, '10:30'), end: dayFrom(today, 6, '11:00'), participant: [{ actor: me, status: 'accepted' }] } },
    ],
  };
}

function andrew(today: Date): DemoPerson {
  const u = (n: number): string => urn(n, 2);
  return {
    email: 'andrew@example.org',
    password: 'home before the football',
    name: { given: 'Andrew', family: 'Wilson' },
    birthDate: bornYearsAgo(today, 66),
    patientExtras: { gender: 'male', identifier: [nhsNumber('9990000026')] },
    resources: [
      // Sensitive: left out of any share unless Andrew includes it (security label ETH, substance abuse information).
      { fullUrl: u(1), resource: { resourceType: 'Condition', meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'ETH', display: 'substance abuse information sensitivity' }] }, clinicalStatus: activeCondition, code: snomed('15167005', 'Alcohol abuse'), subject: me } },
      { fullUrl: u(2), resource: { resourceType: 'Condition', clinicalStatus: activeCondition, code: snomed('1912002', 'Fall'), subject: me, onsetDateTime: dayFrom(today, -12) } },
      { fullUrl: u(3), resource: { resourceType: 'Condition', clinicalStatus: activeCondition, code: snomed('5913000', 'Fracture of neck of femur'), subject: me, onsetDateTime: dayFrom(today, -12) } },
      { fullUrl: u(4), resource: { resourceType: 'RelatedPerson', patient: me, relationship: relationship('FRND', 'friend', 'C'), name: [{ given: ['Scott'], family: 'Reid' }], telecom: [{ system: 'phone', value: '07700 900789' }] } },
      { fullUrl: u(5), resource: { resourceType: 'CareTeam', status: 'active', name: 'Andrew’s support', subject: me, participant: [{ role: [{ text: 'Local area coordinator' }], member: { display: 'John Baker, Local Area Coordination' } }] } },
      { fullUrl: u(6), resource: { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Be home and walking to the shop by myself' }, subject: me } },
      { fullUrl: u(7), resource: { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Going home plan', subject: me, goal: [{ reference: u(6) }], activity: [{ detail: { status: 'scheduled', description: 'Home care visit twice a day for the first two weeks', scheduledString: '8am and 6pm' } }, { detail: { status: 'scheduled', description: 'Scott helps me order shopping online', scheduledString: 'Mondays' } }] } },
    ],
  };
}

function rina(today: Date): DemoPerson {
  const u = (n: number): string => urn(n, 3);
  const appointment = (n: number, days: number, start: string, end: string, description: string) => ({
    fullUrl: u(n),
    resource: { resourceType: 'Appointment', status: 'booked', description, start: dayFrom(today, days, start), end: dayFrom(today, days, end), participant: [{ actor: me, status: 'accepted' }] } as Resource,
  });
  return {
    email: 'rina@example.org',
    password: 'all in one place please',
    name: { given: 'Rina', family: 'Shah' },
    birthDate: bornYearsAgo(today, 60),
    patientExtras: { gender: 'female', identifier: [nhsNumber('9990000034')] },
    resources: [
      { fullUrl: u(1), resource: { resourceType: 'Condition', clinicalStatus: activeCondition, code: snomed('44054006', 'Type 2 diabetes mellitus'), subject: me, onsetDateTime: '2015-06' } },
      { fullUrl: u(2), resource: { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: snomed('109081006', 'Metformin'), subject: me, dosage: [{ text: '500 mg twice a day with food' }] } },
      { fullUrl: u(3), resource: { resourceType: 'CareTeam', status: 'active', subject: me, participant: [{ role: [{ text: 'Health and wellbeing coordinator' }], member: { display: 'Priya Desai, Northgate Primary Care Network' } }] } },
      { fullUrl: u(4), resource: { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Keep my sugar levels steady so I can keep working' }, subject: me } },
      appointment(5, 1, '09:15', '09:45', 'Diabetic eye screening'),
      appointment(6, 14, '11:00', '11:20', 'Diabetes foot check'),
      appointment(7, 30, '15:40', '15:50', 'GP review of medicines'),
    ],
  };
}

function mike(today: Date): DemoPerson {
  const u = (n: number): string => urn(n, 4);
  return {
    email: 'mike@example.org',
    password: 'breathe easy tuesdays',
    name: { given: 'Mike', family: 'Jones' },
    birthDate: bornYearsAgo(today, 73),
    patientExtras: { gender: 'male', identifier: [nhsNumber('9990000042')] },
    resources: [
      { fullUrl: u(1), resource: { resourceType: 'Condition', clinicalStatus: activeCondition, code: snomed('13645005', 'Chronic obstructive lung disease'), subject: me } },
      { fullUrl: u(2), resource: { resourceType: 'Condition', clinicalStatus: activeCondition, code: snomed('38341003', 'Hypertensive disorder'), subject: me } },
      { fullUrl: u(3), resource: { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: snomed('372897005', 'Salbutamol'), subject: me, dosage: [{ text: 'Blue inhaler: two puffs when breathless' }] } },
      { fullUrl: u(4), resource: { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: snomed('386864001', 'Amlodipine'), subject: me, dosage: [{ text: '5 mg once a day' }] } },
      { fullUrl: u(5), resource: { resourceType: 'RelatedPerson', patient: me, relationship: relationship('WIFE', 'wife', 'C'), name: [{ given: ['Carol'], family: 'Jones' }], telecom: [{ system: 'phone', value: '07700 900321' }] } },
      { fullUrl: u(6), resource: { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Keep going to Breathe Easy and walk the dog every day' }, subject: me } },
      { fullUrl: u(7), resource: { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Staying well', subject: me, goal: [{ reference: u(6) }], activity: [{ detail: { status: 'in-progress', description: 'Breathe Easy group at the community centre', scheduledString: 'Tuesdays, 10am' } }] } },
    ],
  };
}
