import type { Appointment, Condition, Goal, MedicationStatement, RelatedPerson, Resource } from '@medplum/fhirtypes';
import conditionsSet from '../../fhir-profiles/ValueSet-redbag-long-term-conditions.json';
import relationshipsSet from '../../fhir-profiles/ValueSet-redbag-relationships.json';
import { describeCondition, describeContact, describeGoal, describeMedicine } from '../../src/summary/describe.ts';

/** One field of a section's form: typed text, or a pick-list from a curated value set (with free text beside it). */
export interface Field {
  id: string;
  label: string;
  hint?: string;
  choices?: { system: string; code: string; display: string }[];
  type?: 'text' | 'datetime-local';
}

/** A part of the record the person keeps on a page of its own: how it is listed, and how the form maps to FHIR. */
export interface Section<T extends Resource = Resource> {
  path: string;
  title: string;
  resourceType: T['resourceType'];
  empty: string;
  fields: Field[];
  describe(resource: T): string;
  toForm(resource: T): Record<string, string>;
  fromForm(form: Record<string, string>, patient: string, current?: T): T;
}

const pickList = (set: { compose: { include: { system: string; concept?: { code: string; display: string }[] }[] } }) =>
  set.compose.include.flatMap((inc) => (inc.concept ?? []).map((c) => ({ system: inc.system, code: c.code, display: c.display })));
const conditionChoices = pickList(conditionsSet);
const relationshipChoices = pickList(relationshipsSet);

/** A coded choice when one is picked, else the words typed; empty when neither. */
function concept(choices: Field['choices'], picked: string | undefined, typed: string | undefined) {
  const chosen = choices?.find((c) => c.code === picked);
  if (chosen) return { coding: [chosen] };
  return typed ? { text: typed } : undefined;
}

const conditions: Section<Condition> = {
  path: '/conditions',
  title: 'Conditions',
  resourceType: 'Condition',
  empty: 'No conditions recorded.',
  fields: [
    { id: 'code', label: 'Condition', hint: 'Choose from the list, or type it below', choices: conditionChoices },
    { id: 'text', label: 'Not in the list? Type its name' },
  ],
  describe: describeCondition,
  toForm: (c) => ({ code: c.code?.coding?.[0]?.code ?? '', text: c.code?.text ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'Condition',
    subject: { reference: patient },
    clinicalStatus: current?.clinicalStatus ?? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    ...(concept(conditionChoices, f.code, f.text) ? { code: concept(conditionChoices, f.code, f.text) } : {}),
  }) as Condition,
};

const medicines: Section<MedicationStatement> = {
  path: '/medicines',
  title: 'Medicines',
  resourceType: 'MedicationStatement',
  empty: 'No medicines recorded.',
  fields: [
    { id: 'name', label: 'Medicine', hint: 'As it says on the box, for example Paracetamol 500 mg tablets' },
    { id: 'dose', label: 'How you take it', hint: 'For example: two tablets up to four times a day' },
  ],
  describe: describeMedicine,
  toForm: (m) => ({ name: m.medicationCodeableConcept?.text ?? m.medicationCodeableConcept?.coding?.[0]?.display ?? '', dose: m.dosage?.[0]?.text ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'MedicationStatement',
    status: current?.status ?? 'active',
    subject: { reference: patient },
    ...(f.name ? { medicationCodeableConcept: { text: f.name } } : {}),
    ...(f.dose ? { dosage: [{ text: f.dose }] } : {}),
  }) as MedicationStatement,
};

const contacts: Section<RelatedPerson> = {
  path: '/contacts',
  title: 'Who to call',
  resourceType: 'RelatedPerson',
  empty: 'No one recorded yet.',
  fields: [
    { id: 'name', label: 'Name' },
    { id: 'relationship', label: 'Who they are to you', choices: relationshipChoices },
    { id: 'phone', label: 'Phone number' },
  ],
  describe: describeContact,
  toForm: (r) => ({ name: r.name?.[0]?.text ?? [r.name?.[0]?.given?.join(' '), r.name?.[0]?.family].filter(Boolean).join(' '), relationship: r.relationship?.[0]?.coding?.[0]?.code ?? '', phone: r.telecom?.find((t) => t.system === 'phone')?.value ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'RelatedPerson',
    patient: { reference: patient },
    ...(f.name ? { name: [{ text: f.name }] } : {}),
    ...(concept(relationshipChoices, f.relationship, undefined) ? { relationship: [concept(relationshipChoices, f.relationship, undefined)!] } : {}),
    ...(f.phone ? { telecom: [{ system: 'phone', value: f.phone }] } : {}),
  }) as RelatedPerson,
};

const goals: Section<Goal> = {
  path: '/what-matters',
  title: 'What matters to me',
  resourceType: 'Goal',
  empty: 'Nothing written yet. What matters to you, in your own words?',
  fields: [{ id: 'text', label: 'In your own words', hint: 'For example: getting home in time for the football' }],
  describe: describeGoal,
  toForm: (g) => ({ text: g.description?.text ?? '' }),
  fromForm: (f, patient, current) => ({ ...current, resourceType: 'Goal', lifecycleStatus: current?.lifecycleStatus ?? 'active', subject: { reference: patient }, description: { text: f.text ?? '' } }) as Goal,
};

const appointments: Section<Appointment> = {
  path: '/appointments',
  title: 'Appointments',
  resourceType: 'Appointment',
  empty: 'No appointments recorded.',
  fields: [
    { id: 'what', label: 'What and where', hint: 'For example: Fracture clinic, Northgate Hospital' },
    { id: 'start', label: 'When', type: 'datetime-local' },
  ],
  describe: (a) => `${a.description ?? 'Appointment'}${a.start ? ` — ${new Date(a.start).toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short' })}` : ''}`,
  toForm: (a) => ({ what: a.description ?? '', start: a.start ? a.start.slice(0, 16) : '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'Appointment',
    status: current?.status ?? 'booked',
    ...(f.what ? { description: f.what } : {}),
    ...(f.start ? { start: new Date(f.start).toISOString(), end: new Date(new Date(f.start).getTime() + 3_600_000).toISOString() } : {}),
    participant: [{ actor: { reference: patient }, status: 'accepted' }],
  }) as Appointment,
};

export const recordSections = [conditions, medicines, contacts, goals, appointments] as unknown as Section[];
