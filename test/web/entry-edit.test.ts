import type { CarePlan, CareTeam, Goal, MedicationStatement, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { addEntry, changeEntry, changedFields, findEntry, mergeChange, removeEntry, restoreEntry, withoutServerMeta } from '../../web/src/entry-edit.ts';
import { recordSections, type Section } from '../../web/src/record-sections.ts';
import { entryKindOf } from '../../web/src/section-entries.ts';

const patient = 'Patient/p1';
const section = (path: string): Section => recordSections.find((s) => s.path === path)!;
const kind = (path: string) => entryKindOf(section(path), patient);
const bytes = (value: unknown): string => JSON.stringify(value);
/** Entry `i` of `resource` as the page shows it in the form, with `changes` typed over it. */
const typed = (path: string, resource: Resource, i: number, changes: Record<string, string>) => {
  const before = kind(path).toForm(kind(path).entries(resource)[i]);
  return { before, after: { ...before, ...changes } };
};

const careTeam: CareTeam = {
  resourceType: 'CareTeam',
  id: 't1',
  meta: { versionId: '4', lastUpdated: '2026-11-01T10:00:00Z' },
  status: 'active',
  subject: { reference: patient },
  participant: [
    { member: { reference: 'Practitioner/patel', display: 'Dr Patel' }, role: [{ coding: [{ system: 'http://snomed.info/sct', code: '62247001', display: 'General practitioner' }] }], period: { start: '2020-01-01' } },
    { member: { display: 'Betty' } },
    { extension: [{ url: 'https://example.org/x', valueString: 'kept' }], member: { display: 'Riverside home care' }, role: [{ text: 'Home carer' }, { text: 'Key worker' }] },
  ],
};

const supportPlan: CarePlan = {
  resourceType: 'CarePlan',
  id: 'c1',
  status: 'active',
  intent: 'plan',
  title: 'Support at home',
  subject: { reference: patient },
  activity: [
    { detail: { status: 'in-progress', description: 'Home carer helps me wash and dress', scheduledString: 'Every morning at 8', performer: [{ display: 'Riverside home care' }] } },
    { detail: { status: 'scheduled', description: 'Physio exercises', scheduledString: 'Tuesdays', code: { coding: [{ system: 'http://snomed.info/sct', code: '91251008', display: 'Physical therapy procedure' }] } } },
    { progress: [{ text: 'Going well' }], detail: { status: 'in-progress', description: 'Daughter does the shopping', scheduledString: 'Saturdays' } },
  ],
};

const contact: RelatedPerson = {
  resourceType: 'RelatedPerson',
  id: 'r1',
  patient: { reference: patient },
  name: [{ given: ['Samira'], family: 'Khan' }, { text: 'Sam' }],
  relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU', display: 'natural daughter' }] }, { text: 'Lives nearby' }],
  telecom: [{ system: 'email', value: 'samira@example.org', use: 'home' }, { system: 'phone', value: '07700 900001', use: 'mobile' }, { system: 'phone', value: '0113 496 0000', use: 'work' }],
};

describe('changing one entry keeps every other entry, and everything the form does not show, byte for byte', () => {
  it('care team: picking a role for Betty and renaming Dr Patel touch only that member, and only that field', () => {
    const { before, after } = typed('/care-team', careTeam, 1, { role: section('/care-team').fields.find((f) => f.id === 'role')!.choices![0]!.code });
    const changed = changeEntry(kind('/care-team'), careTeam, 1, before, after) as CareTeam;
    expect(bytes(changed.participant![0])).toBe(bytes(careTeam.participant![0]));
    expect(bytes(changed.participant![2])).toBe(bytes(careTeam.participant![2]));
    expect(changed.participant![1]!.member).toEqual({ display: 'Betty' });
    expect(changed.participant![1]!.role![0]!.coding![0]!.code).toBe(after.role);
    expect(bytes({ ...changed, participant: undefined })).toBe(bytes({ ...careTeam, participant: undefined }));

    const renamed = typed('/care-team', careTeam, 0, { who: 'Dr Anita Patel' });
    const patel = (changeEntry(kind('/care-team'), careTeam, 0, renamed.before, renamed.after) as CareTeam).participant!;
    expect(patel[0]).toEqual({ ...careTeam.participant![0], member: { reference: 'Practitioner/patel', display: 'Dr Anita Patel' } });
    expect(bytes(patel.slice(1))).toBe(bytes(careTeam.participant!.slice(1)));

    // Taking a role away takes only the first role; a role the list does not offer is kept when untouched.
    const cleared = typed('/care-team', careTeam, 0, { role: '' });
    expect((changeEntry(kind('/care-team'), careTeam, 0, cleared.before, cleared.after) as CareTeam).participant![0]!.role).toBeUndefined();
    const home = typed('/care-team', careTeam, 2, { who: 'Riverside Home Care Ltd' });
    expect((changeEntry(kind('/care-team'), careTeam, 2, home.before, home.after) as CareTeam).participant![2]).toEqual({ ...careTeam.participant![2], member: { display: 'Riverside Home Care Ltd' } });
  });

  it('support plan: changing the time of one activity keeps the physio and shopping entries', () => {
    const { before, after } = typed('/support-plan', supportPlan, 0, { when: 'Every morning at 9' });
    const changed = changeEntry(kind('/support-plan'), supportPlan, 0, before, after) as CarePlan;
    expect(changed.activity).toHaveLength(3);
    expect(bytes(changed.activity!.slice(1))).toBe(bytes(supportPlan.activity!.slice(1)));
    expect(changed.activity![0]!.detail).toEqual({ ...supportPlan.activity![0]!.detail, scheduledString: 'Every morning at 9' });
    expect(changed.title).toBe('Support at home');

    // Clearing a field clears it (and nothing else).
    const cleared = typed('/support-plan', supportPlan, 2, { when: '' });
    const without = changeEntry(kind('/support-plan'), supportPlan, 2, cleared.before, cleared.after) as CarePlan;
    expect(without.activity![2]).toEqual({ progress: [{ text: 'Going well' }], detail: { status: 'in-progress', description: 'Daughter does the shopping' } });
  });

  it('contacts: a new phone number keeps the email, the work number, both names and the second relationship', () => {
    const { before, after } = typed('/contacts', contact, 0, { phone: '07700 900002' });
    expect(before).toMatchObject({ name: 'Samira Khan', phone: '07700 900001', email: 'samira@example.org' });
    const changed = changeEntry(kind('/contacts'), contact, 0, before, after) as RelatedPerson;
    expect(changed).toEqual({ ...contact, telecom: [contact.telecom![0], { ...contact.telecom![1], value: '07700 900002' }, contact.telecom![2]] });

    const noEmail = typed('/contacts', contact, 0, { email: '' });
    expect((changeEntry(kind('/contacts'), contact, 0, noEmail.before, noEmail.after) as RelatedPerson).telecom).toEqual(contact.telecom!.slice(1));
    const renamed = typed('/contacts', contact, 0, { name: 'Samira Begum' });
    const r = changeEntry(kind('/contacts'), contact, 0, renamed.before, renamed.after) as RelatedPerson;
    expect(r.name).toEqual([{ text: 'Samira Begum' }, { text: 'Sam' }]);
    expect(bytes(r.telecom)).toBe(bytes(contact.telecom));
    expect(bytes(r.relationship)).toBe(bytes(contact.relationship));
  });

  it('goals and medicines: the words change, the coding and the structured dose stay', () => {
    const goal: Goal = { resourceType: 'Goal', id: 'g1', lifecycleStatus: 'active', subject: { reference: patient }, description: { coding: [{ system: 'http://snomed.info/sct', code: '1', display: 'x' }], text: 'Get home' }, note: [{ text: 'kept' }] };
    const g = typed('/what-matters', goal, 0, { text: 'Get home for the football' });
    expect(changeEntry(kind('/what-matters'), goal, 0, g.before, g.after)).toEqual({ ...goal, description: { ...goal.description, text: 'Get home for the football' } });

    const medicine: MedicationStatement = { resourceType: 'MedicationStatement', id: 'm1', status: 'active', subject: { reference: patient }, medicationCodeableConcept: { text: 'Salbutamol', coding: [{ system: 'http://snomed.info/sct', code: '2' }] }, dosage: [{ text: 'Two puffs', timing: { code: { text: 'PRN' } } }] };
    const m = typed('/medicines', medicine, 0, { name: 'Salbutamol 100 micrograms inhaler' });
    const changed = changeEntry(kind('/medicines'), medicine, 0, m.before, m.after) as MedicationStatement;
    expect(bytes(changed.dosage)).toBe(bytes(medicine.dosage));
    expect(changed.medicationCodeableConcept).toEqual({ text: 'Salbutamol 100 micrograms inhaler' });
  });

  it('saving a form nobody changed gives back the very same resource, on every section', () => {
    const samples: Record<string, Resource> = { '/care-team': careTeam, '/support-plan': supportPlan, '/contacts': contact };
    for (const s of recordSections) {
      const resource = samples[s.path] ?? { ...s.fromForm({}, patient), id: 'x1', extension: [{ url: 'https://example.org/y', valueBoolean: true }] };
      const k = entryKindOf(s, patient);
      k.entries(resource).forEach((entry, i) => {
        const form = k.toForm(entry);
        expect(bytes(changeEntry(k, resource, i, form, { ...form })), s.path).toBe(bytes(resource));
      });
    }
  });

  it('remove, then undo, gives back the same bytes; an entry is found again after another one changed elsewhere', () => {
    const k = kind('/support-plan');
    const removed = removeEntry(k, supportPlan, 1)!;
    expect((removed as CarePlan).activity!.map((a) => a.detail?.description)).toEqual(['Home carer helps me wash and dress', 'Daughter does the shopping']);
    expect(bytes(restoreEntry(k, removed, 1, supportPlan.activity![1]))).toBe(bytes(supportPlan));
    expect(removeEntry(kind('/contacts'), contact, 0)).toBeUndefined();
    // A care team needs a member (its profile says so): the last one removed takes the team with it (undo puts it back
    // whole); a plan keeps its title and words when its last activity goes, and undo puts the activity back.
    expect(removeEntry(kind('/care-team'), { ...careTeam, participant: [careTeam.participant![0]!] }, 0)).toBeUndefined();
    const lone: CarePlan = { ...supportPlan, activity: [supportPlan.activity![0]!] };
    const empty = removeEntry(k, lone, 0)!;
    expect(empty).toEqual(Object.fromEntries(Object.entries(supportPlan).filter(([key]) => key !== 'activity')));
    expect(bytes(restoreEntry(k, empty, 0, lone.activity![0]))).toBe(bytes(lone));

    // Someone else removed the first activity: the shopping entry is now at 1, and a changed entry is not found.
    expect(findEntry(k, removed, 2, supportPlan.activity![2])).toBe(1);
    expect(findEntry(k, removed, 0, supportPlan.activity![0])).toBe(0);
    expect(findEntry(k, removed, 1, supportPlan.activity![1])).toBe(-1);
    expect(addEntry(k, supportPlan, { what: 'Meals on wheels', when: 'Weekdays at noon' }) as CarePlan).toEqual({ ...supportPlan, activity: [...supportPlan.activity!, { detail: { status: 'in-progress', description: 'Meals on wheels', scheduledString: 'Weekdays at noon' } }] });
  });

  it('merges field by field and strips only what the server sets', () => {
    expect(mergeChange({ a: 1, b: { x: 1 }, c: 3 }, { a: 1, b: { y: 2 }, c: 3 }, { a: 2, b: { y: 2 } })).toEqual({ a: 2, b: { x: 1 } });
    expect(changedFields({ a: '1', b: '2' }, { a: '1', b: '3', c: '' })).toEqual(['b']);
    expect(withoutServerMeta({ resourceType: 'Goal', meta: { versionId: '2', lastUpdated: 'x', profile: ['p'] } } as Resource)).toEqual({ resourceType: 'Goal', meta: { profile: ['p'] } });
    expect(withoutServerMeta(careTeam)).not.toHaveProperty('meta');
  });
});
