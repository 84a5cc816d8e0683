import type { Appointment, CarePlan, CodeableConcept, CarePlanActivity, CareTeam, CareTeamParticipant, ContactPoint, Condition, Goal, MedicationStatement, Observation, RelatedPerson, Resource } from '@medplum/fhirtypes';
import baselineSet from '../../fhir-profiles/ValueSet-redbag-baseline-aspects.json' with { type: 'json' };
import careTeamRolesSet from '../../fhir-profiles/ValueSet-redbag-care-team-roles.json' with { type: 'json' };
import conditionsSet from '../../fhir-profiles/ValueSet-redbag-long-term-conditions.json' with { type: 'json' };
import relationshipsSet from '../../fhir-profiles/ValueSet-redbag-relationships.json' with { type: 'json' };
import { setOrDrop } from './entry-edit.ts';
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
  /** When each row is one element of a list in the resource (a care-team member, a plan activity), not the whole resource. */
  entries?: ListEntries;
}

/** Rows kept as the elements of one list in a resource; each has its own Change and Remove (issue 14). */
export interface ListEntries {
  key: string;
  describe(entry: never): string;
  toForm(entry: never): Record<string, string>;
  /** The element the form describes, built on what it was so that what the form cannot show is kept. */
  fromForm(form: Record<string, string>, current?: never): unknown;
  /** A new resource to hold the first entry. */
  container(patient: string): Resource;
  /** The resource's profile needs at least one entry: removing the last removes the resource (undo brings it back). */
  keepsOne?: boolean;
  /** A line above the resource's entries (the plan's title), when there is one. */
  heading?(resource: never): string | undefined;
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
    { id: 'phone', label: 'Phone number', hint: 'Someone counts as someone to call when they have a phone number or an email address' },
    { id: 'email', label: 'Email address (optional)' },
  ],
  // A carer linked through her account comes with no number: say so, so nobody counts on calling her.
  describe: (r) => `${describeContact(r)}${canBeCalled(r) ? '' : ' — no phone number: add one so they can be called'}`,
  toForm: (r) => ({ name: r.name?.[0]?.text ?? [r.name?.[0]?.given?.join(' '), r.name?.[0]?.family].filter(Boolean).join(' '), relationship: r.relationship?.[0]?.coding?.[0]?.code ?? '', phone: r.telecom?.find((t) => t.system === 'phone')?.value ?? '', email: r.telecom?.find((t) => t.system === 'email')?.value ?? '' }),
  // Built on what was there: a second name, another phone or a role the list does not offer are kept.
  fromForm: (f, patient, current) => ({
    ...without(current, ['name', 'relationship', 'telecom']),
    resourceType: 'RelatedPerson',
    patient: { reference: patient },
    ...(f.name ? { name: [{ text: f.name }, ...(current?.name?.slice(1) ?? [])] } : current?.name && current.name.length > 1 ? { name: current.name.slice(1) } : {}),
    ...firstOf<'relationship', CodeableConcept>('relationship', concept(relationshipChoices, f.relationship, undefined), current?.relationship),
    ...telecomWith(current?.telecom, { phone: f.phone, email: f.email }),
  }) as RelatedPerson,
};

/** The object without the keys the form sets, so a cleared field is cleared. */
function without<T extends object>(object: T | undefined, keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(object ?? {}).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

/** The list with its first element set to `first` (or taken away), the rest kept; no key when the list is empty. */
function firstOf<K extends string, T>(key: K, first: T | undefined, current: T[] | undefined): Partial<Record<K, T[]>> {
  const list = [...(first ? [first] : []), ...(current?.slice(1) ?? [])];
  return list.length ? ({ [key]: list } as Record<K, T[]>) : {};
}

/** The telecom list with the first phone and email set from the form; other numbers and addresses are kept. */
function telecomWith(current: ContactPoint[] | undefined, values: Record<'phone' | 'email', string | undefined>) {
  let list = [...(current ?? [])];
  for (const system of ['phone', 'email'] as const) {
    const at = list.findIndex((t) => t.system === system);
    const value = values[system];
    if (at >= 0) list = value ? list.map((t, i) => (i === at ? { ...t, value } : t)) : list.filter((_, i) => i !== at);
    else if (value) list.push({ system, value });
  }
  return list.length ? { telecom: list } : {};
}

const goals: Section<Goal> = {
  path: '/what-matters',
  title: 'What matters to me',
  resourceType: 'Goal',
  empty: 'Nothing written yet. What matters to you, in your own words?',
  fields: [{ id: 'text', label: 'In your own words', hint: 'For example: getting home in time for the football' }],
  describe: describeGoal,
  toForm: (g) => ({ text: g.description?.text ?? '' }),
  fromForm: (f, patient, current) => ({ ...current, resourceType: 'Goal', lifecycleStatus: current?.lifecycleStatus ?? 'active', subject: { reference: patient }, description: { ...current?.description, text: f.text ?? '' } }) as Goal,
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
  fromForm: (f, patient, current) => ({ ...supportPlanContainer(patient), ...current, activity: [activityFromForm(f)] }) as CarePlan,
  // Each activity is a row of its own: changing the time of one never touches another (issue 14).
  entries: {
    key: 'activity',
    describe: (a: CarePlanActivity) => [a.detail?.description, a.detail?.scheduledString].filter(Boolean).join(' — ') || 'Activity',
    toForm: (a: CarePlanActivity) => ({ what: a.detail?.description ?? '', when: a.detail?.scheduledString ?? '' }),
    fromForm: (f, current?: CarePlanActivity) => activityFromForm(f, current),
    container: (patient) => supportPlanContainer(patient),
    heading: (p: CarePlan) => [p.title, p.description].filter(Boolean).join(': ') || undefined,
  },
};

function supportPlanContainer(patient: string): CarePlan {
  return { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'My support plan', subject: { reference: patient } };
}

function activityFromForm(f: Record<string, string>, current?: CarePlanActivity): CarePlanActivity {
  const detail = setOrDrop(setOrDrop({ status: 'in-progress', ...current?.detail }, 'description', f.what), 'scheduledString', f.when);
  return { ...current, detail } as CarePlanActivity;
}

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
  toForm: (t) => participantForm(t.participant?.[0] ?? {}),
  fromForm: (f, patient, current) => ({ ...careTeamContainer(patient), ...current, participant: [participantFromForm(f)] }) as CareTeam,
  // Each member is a row of its own: changing Betty's role never touches Dr Patel (issue 14).
  entries: {
    key: 'participant',
    keepsOne: true,
    describe: (p: CareTeamParticipant) => describeCareTeam({ resourceType: 'CareTeam', participant: [p] })[0] ?? 'Member',
    toForm: (p: CareTeamParticipant) => participantForm(p),
    fromForm: (f, current?: CareTeamParticipant) => participantFromForm(f, current),
    container: (patient) => careTeamContainer(patient),
  },
};

function careTeamContainer(patient: string): CareTeam {
  return { resourceType: 'CareTeam', status: 'active', subject: { reference: patient } };
}

function participantForm(p: CareTeamParticipant): Record<string, string> {
  return { who: p.member?.display ?? '', role: p.role?.[0]?.coding?.[0]?.code ?? '' };
}

/** A member from the form, keeping her reference (to a Practitioner, say), period and any further roles. */
function participantFromForm(f: Record<string, string>, current?: CareTeamParticipant): CareTeamParticipant {
  const member = setOrDrop(current?.member, 'display', f.who);
  const withMember = Object.keys(member).length ? { ...current, member } : setOrDrop(current, 'member', undefined);
  return { ...without(withMember, ['role']), ...firstOf<'role', CodeableConcept>('role', concept(careTeamRoleChoices, f.role, undefined), current?.role) } as CareTeamParticipant;
}

export const recordSections = [conditions, medicines, contacts, careTeam, goals, supportPlan, emergencyWishes, baseline, appointments] as unknown as Section[];
