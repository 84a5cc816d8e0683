import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/plans/plan-diff.ts';
import { draftProposal, draftRows } from '../../src/plans/draft-proposal.ts';

const activity = (what: string, when?: string, who?: string): CarePlanActivity => ({
  detail: { status: 'scheduled', description: what, ...(when ? { scheduledString: when } : {}), ...(who ? { performer: [{ display: who }] } : {}) },
});
const plan = (title: string, activities: CarePlanActivity[], description?: string): CarePlan => ({
  resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: 'Patient/a' }, title, activity: activities, ...(description ? { description } : {}),
});

describe('what a proposed support plan would change (pure)', () => {
  const current = plan('Going home plan', [
    activity('Home care visit twice a day for the first two weeks', '8am and 6pm', 'Brightside Home Care'),
    activity('Scott helps me order shopping online', 'Mondays', 'Scott Reid'),
    activity('Physio exercises', 'Every morning'),
  ]);

  it('pairs activities by what they say: one time changed, one removed, one added, one untouched', () => {
    const proposed = plan('Going home plan', [
      activity('Scott helps me order shopping online', 'Mondays', 'Scott Reid'),
      activity('Home care visit twice a day for the first two weeks', '9am and 6pm', 'Brightside Home Care'),
      activity('Community physio visit', 'Tuesdays', 'Northgate community physio'),
    ]);
    const diff = diffPlans(current, proposed);
    expect(diff.changed).toBe(true);
    expect(diff.title).toEqual({ now: 'Going home plan', proposed: 'Going home plan', changed: false });
    expect(diff.activities.map((a) => a.kind)).toEqual(['changed', 'same', 'removed', 'added']);
    expect(diff.activities[0]).toMatchObject({ fields: ['when'], now: { when: '8am and 6pm' }, proposed: { when: '9am and 6pm' } });
    expect(diff.activities[2]).toEqual({ kind: 'removed', now: { what: 'Physio exercises', who: '', when: 'Every morning' } });
    expect(diff.activities[3]).toEqual({ kind: 'added', proposed: { what: 'Community physio visit', who: 'Northgate community physio', when: 'Tuesdays' } });
  });

  it('a reworded activity done by the same person at the same time is a change, not a removal and an addition', () => {
    const proposed = plan('Going home plan', [current.activity![0]!, activity('Scott orders the shopping online with me', 'Mondays', 'Scott Reid'), current.activity![2]!]);
    const diff = diffPlans(current, proposed);
    expect(diff.activities.map((a) => a.kind)).toEqual(['same', 'changed', 'same']);
    expect(diff.activities[1]).toMatchObject({ fields: ['what'] });
  });

  it('an unchanged copy changes nothing; spacing does not count; title and description are compared', () => {
    const copy = structuredClone(current);
    copy.activity![1]!.detail!.description = '  Scott helps me   order shopping online ';
    expect(diffPlans(current, copy).changed).toBe(false);
    const retitled = diffPlans(current, { ...copy, title: 'Support at home', description: 'After the hip operation' });
    expect(retitled.title).toEqual({ now: 'Going home plan', proposed: 'Support at home', changed: true });
    expect(retitled.description).toEqual({ now: '', proposed: 'After the hip operation', changed: true });
    expect(retitled.changed).toBe(true);
  });

  it('two identical activities pair one to one; a plan with no current one is all added', () => {
    const twice = plan('p', [activity('Visit', 'Mon'), activity('Visit', 'Mon')]);
    expect(diffPlans(twice, plan('p', [activity('Visit', 'Mon')])).activities.map((a) => a.kind)).toEqual(['same', 'removed']);
    expect(diffPlans(undefined, twice).activities.map((a) => a.kind)).toEqual(['added', 'added']);
    expect(diffPlans(undefined, twice).title).toEqual({ now: '', proposed: 'p', changed: true });
  });
});

describe('the proposal a professional drafts from a copy of the plan (pure)', () => {
  const current: CarePlan = {
    ...plan('Going home plan', [
      { reference: { reference: 'Appointment/1' }, detail: { status: 'scheduled', kind: 'Appointment', description: 'Fracture clinic', scheduledString: 'In 6 weeks', performer: [{ reference: 'Organization/9', display: 'Northgate fracture clinic' }] } },
      activity('Scott helps me order shopping online', 'Mondays', 'Scott Reid'),
    ]),
    id: 'plan-1',
    meta: { versionId: '3' },
    goal: [{ reference: 'Goal/g' }],
  };

  it('keeps what was not touched byte for byte, changes only what was, and names her as author', () => {
    const rows = draftRows(current);
    rows[1] = { ...rows[1]!, when: 'Mondays and Thursdays' };
    rows.push({ what: 'Community physio visit', who: 'Northgate community physio', when: 'Tuesdays' });
    const proposal = draftProposal({ patientId: 'a', current, title: 'Going home plan', description: '', rows, author: 'PractitionerRole/r', now: new Date('2026-11-30T10:00:00Z') });
    expect(proposal).toMatchObject({ status: 'draft', intent: 'proposal', replaces: [{ reference: 'CarePlan/plan-1' }], author: { reference: 'PractitionerRole/r' }, goal: [{ reference: 'Goal/g' }] });
    expect(proposal.id).toBeUndefined();
    expect(proposal.meta).toBeUndefined();
    expect(proposal.activity![0]).toEqual(current.activity![0]);
    expect(proposal.activity![1]).toEqual({ detail: { status: 'scheduled', description: 'Scott helps me order shopping online', scheduledString: 'Mondays and Thursdays', performer: [{ display: 'Scott Reid' }] } });
    expect(proposal.activity![2]).toEqual({ detail: { status: 'not-started', description: 'Community physio visit', scheduledString: 'Tuesdays', performer: [{ display: 'Northgate community physio' }] } });
    expect(diffPlans(current, proposal).activities.map((a) => a.kind)).toEqual(['same', 'changed', 'added']);
  });

  it('a row taken out is left out; an empty new row is ignored', () => {
    const rows = draftRows(current).map((r, i) => (i === 0 ? { ...r, removed: true } : r));
    rows.push({ what: ' ', who: '', when: '' });
    const proposal = draftProposal({ patientId: 'a', current, title: 'Going home plan', description: '', rows, author: 'PractitionerRole/r', now: new Date() });
    expect(proposal.activity).toEqual([current.activity![1]]);
  });
});
