import type { CodeableConcept, Patient, Reference } from '@medplum/fhirtypes';

/** Small builders so the demo people read like their stories, not like JSON. */
export const me: Reference<Patient> = { reference: 'Patient/{{patient}}' };

export const snomed = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: 'http://snomed.info/sct', code, display }],
  text: display,
});

export const status = (system: string, code: string): CodeableConcept => ({
  coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }],
});

export const relationship = (roleCode: string, display: string, contactRole?: 'C' | 'N'): CodeableConcept[] => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: roleCode, display }] },
  ...(contactRole
    ? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: contactRole, display: contactRole === 'C' ? 'Emergency Contact' : 'Next-of-Kin' }] }]
    : []),
];

/** A date `days` from today, as FHIR date (or dateTime at `time`). */
export function dayFrom(today: Date, days: number, time?: string): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  const day = date.toISOString().slice(0, 10);
  return time ? `${day}T${time}:00Z` : day;
}

/** The birth date of someone who is `age` today (birthday a few weeks ago). */
export function bornYearsAgo(today: Date, age: number): string {
  return dayFrom(new Date(Date.UTC(today.getUTCFullYear() - age, today.getUTCMonth(), today.getUTCDate())), -40);
}

export const nhsNumber = (value: string) => ({ system: 'https://fhir.nhs.uk/Id/nhs-number', value });
