import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/plans/plan-diff.ts';

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
