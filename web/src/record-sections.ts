import type { Appointment, CarePlan, CareTeam, Condition, Goal, MedicationStatement, Observation, RelatedPerson, Resource } from '@medplum/fhirtypes';
import baselineSet from '../../fhir-profiles/ValueSet-redbag-baseline-aspects.json' with { type: 'json' };
import careTeamRolesSet from '../../fhir-profiles/ValueSet-redbag-care-team-roles.json' with { type: 'json' };
import conditionsSet from '../../fhir-profiles/ValueSet-redbag-long-term-conditions.json' with { type: 'json' };
import relationshipsSet from '../../fhir-profiles/ValueSet-redbag-relationships.json' with { type: 'json' };
import { canBeCalled } from './who-to-call.ts';
import { cprNotDecided, resuscitationCodings } from '../../src/summary/resuscitation.ts';
import { describeBaseline, describeCareTeam, describeCondition, describeContact, describeGoal, describeMedicine } from '../../src/summary/describe.ts';

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
  /** Search parameters beyond the person's own (default: patient=…, newest first). */
  query?: (patient: string) => string;
  /** Which of the found resources belong on this page (several pages share CarePlan). */
  keep?: (resource: T) => boolean;
  /** Show the changes professionals proposed, for the person to accept or decline (the support plan). */
  proposals?: boolean;
}

const pickList = (set: { compose: { include: { system: string; concept?: { code: string; display: string }[] }[] } }) =>
  set.compose.include.flatMap((inc) => (inc.concept ?? []).map((c) => ({ system: inc.system, code: c.code, display: c.display })));
const conditionChoices = pickList(conditionsSet);
const relationshipChoices = pickList(relationshipsSet);
const baselineChoices = pickList(baselineSet);
const careTeamRoleChoices = pickList(careTeamRolesSet);
const planKinds = 'https://redbag.example.org/fhir/CodeSystem/redbag-plan-kinds';
const isEmergencyPlan = (p: CarePlan): boolean => p.category?.some((c) => c.coding?.some((x) => x.system === planKinds && x.code === 'emergency-care-treatment-plan')) ?? false;
/** For CPR, not for CPR, or not decided yet: three answers, each recorded as itself (src/summary/resuscitation.ts). */
const cprChoices = resuscitationCodings.map((c) => ({ system: c.system!, code: c.code!, display: c.display! }));

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
  // A carer linked through her account comes with no number: say so, so nobody counts on calling her.
  describe: (r) => `${describeContact(r)}${canBeCalled(r) ? '' : ' — no phone number: add one so they can be called'}`,
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
  query: (patient) => `actor=${patient}&_sort=date`,
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

const supportPlan: Section<CarePlan> = {
  path: '/support-plan',
  title: 'Support plan: who helps with what, and when',
  resourceType: 'CarePlan',
  empty: 'No help recorded yet.',
  fields: [
    { id: 'what', label: 'Who helps with what', hint: 'For example: home carer helps me wash and dress' },
    { id: 'when', label: 'When', hint: 'For example: every morning at 8' },
  ],
  query: (patient) => `patient=${patient}&status=active&intent=plan`,
  keep: (p) => !isEmergencyPlan(p),
  proposals: true,
  describe: (p) => p.activity?.map((a) => [a.detail?.description, a.detail?.scheduledString].filter(Boolean).join(' — ')).join('; ') || p.title || 'Support',
  toForm: (p) => ({ what: p.activity?.[0]?.detail?.description ?? '', when: p.activity?.[0]?.detail?.scheduledString ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'CarePlan',
    status: 'active',
    intent: 'plan',
    title: current?.title ?? 'My support plan',
    subject: { reference: patient },
    activity: [{ detail: { status: 'in-progress', ...(f.what ? { description: f.what } : {}), ...(f.when ? { scheduledString: f.when } : {}) } }],
  }) as CarePlan,
};

const emergencyWishes: Section<CarePlan> = {
  path: '/emergency-wishes',
  title: 'Emergency wishes (ReSPECT)',
  resourceType: 'CarePlan',
  empty: 'No emergency care plan recorded. If you have a ReSPECT form, copy its recommendations here.',
  fields: [
    { id: 'cpr', label: 'Resuscitation (CPR)', choices: cprChoices },
    { id: 'wishes', label: 'What should happen in an emergency', hint: 'The recommendations, in words, for example: treat in hospital if needed' },
  ],
  query: (patient) => `patient=${patient}&status=active`,
  keep: isEmergencyPlan,
  describe: (p) => [p.activity?.[0]?.detail?.code?.coding?.[0]?.display, p.description].filter(Boolean).join(' — '),
  toForm: (p) => ({ cpr: p.activity?.[0]?.detail?.code?.coding?.[0]?.code ?? '', wishes: p.description ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'CarePlan',
    meta: { profile: ['https://redbag.example.org/fhir/StructureDefinition/redbag-emergency-care-plan'] },
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: planKinds, code: 'emergency-care-treatment-plan', display: 'Emergency care and treatment plan (ReSPECT)' }] }],
    title: 'My emergency care and treatment plan',
    subject: { reference: patient },
    ...(f.wishes ? { description: f.wishes } : {}),
    ...(cprChoices.find((c) => c.code === f.cpr)
      // Not decided yet is a plan step not started, never an absent one: silence would read as "not asked".
      ? { activity: [{ detail: { status: f.cpr === cprNotDecided.code ? 'not-started' : 'in-progress', code: { coding: [cprChoices.find((c) => c.code === f.cpr)!] }, description: cprChoices.find((c) => c.code === f.cpr)!.display } }] }
      : {}),
  }) as CarePlan,
};

const baseline: Section<Observation> = {
  path: '/what-is-usual',
  title: 'What is usual for me',
  resourceType: 'Observation',
  empty: 'Nothing recorded yet: how you usually move, think and talk helps a crew see what has changed.',
  fields: [
    { id: 'aspect', label: 'About', choices: baselineChoices },
    { id: 'usual', label: 'What is usual', hint: 'For example: walks with a frame indoors' },
  ],
  describe: describeBaseline,
  toForm: (o) => ({ aspect: o.code?.coding?.[0]?.code ?? '', usual: o.valueString ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'Observation',
    meta: { profile: ['https://redbag.example.org/fhir/StructureDefinition/redbag-baseline'] },
    status: 'final',
    ...(concept(baselineChoices, f.aspect, undefined) ? { code: concept(baselineChoices, f.aspect, undefined)! } : {}),
    subject: { reference: patient },
    effectiveDateTime: new Date().toISOString().slice(0, 10),
    ...(f.usual ? { valueString: f.usual } : {}),
  }) as Observation,
};

const careTeam: Section<CareTeam> = {
  path: '/care-team',
  title: 'Care team',
  resourceType: 'CareTeam',
  empty: 'No one recorded yet: your GP, local area coordinator, home-care provider…',
  fields: [
    { id: 'who', label: 'Name', hint: 'A person or a service, for example Riverside Surgery' },
    { id: 'role', label: 'Role', choices: careTeamRoleChoices },
  ],
  describe: (t) => describeCareTeam(t).join('; '),
  toForm: (t) => ({ who: t.participant?.[0]?.member?.display ?? '', role: t.participant?.[0]?.role?.[0]?.coding?.[0]?.code ?? '' }),
  fromForm: (f, patient, current) => ({
    ...current,
    resourceType: 'CareTeam',
    status: 'active',
    subject: { reference: patient },
    participant: [{ ...(f.who ? { member: { display: f.who } } : {}), ...(concept(careTeamRoleChoices, f.role, undefined) ? { role: [concept(careTeamRoleChoices, f.role, undefined)!] } : {}) }],
  }) as CareTeam,
};

export const recordSections = [conditions, medicines, contacts, careTeam, goals, supportPlan, emergencyWishes, baseline, appointments] as unknown as Section[];
