import type { RelatedPerson } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { groupAccessLog, type AccessLine } from '../../web/src/access-log-groups.ts';
import { longDate, shareEnd } from '../../web/src/share-choices.ts';
import { startHere } from '../../web/src/start-here.ts';
import { canBeCalled, whoToCall } from '../../web/src/who-to-call.ts';

const contact = (telecom?: RelatedPerson['telecom']): RelatedPerson => ({ resourceType: 'RelatedPerson', patient: { reference: 'Patient/p' }, name: [{ text: 'Doris' }], ...(telecom ? { telecom } : {}) });

describe('who to call', () => {
  it('counts only a contact with a phone number or an email address', () => {
    expect(canBeCalled(contact())).toBe(false);
    expect(canBeCalled(contact([{ system: 'phone', value: '  ' }]))).toBe(false);
    expect(canBeCalled(contact([{ system: 'fax', value: '0113 496 0001' }]))).toBe(false);
    expect(canBeCalled(contact([{ system: 'phone', value: '07700 900123' }]))).toBe(true);
    expect(canBeCalled(contact([{ system: 'email', value: 'doris@example.org' }]))).toBe(true);
    expect(whoToCall([contact(), contact([{ system: 'sms', value: '07700 900124' }])])).toHaveLength(1);
  });
});

describe('start here', () => {
  it('shows five steps in order, with how many are done', () => {
    const none = startHere({ allergies: 0, medicines: 0, callable: 0, emergencyPlan: false, printed: false });
    expect(none.steps.map((s) => s.title)).toEqual(['Record your allergies', 'List your medicines', 'Add who to call', 'Record your emergency wishes', 'Print your Red Bag']);
    expect(none.done).toBe(0);
    const some = startHere({ allergies: 1, medicines: 0, callable: 1, emergencyPlan: false, printed: true });
    expect(some.steps.map((s) => s.done)).toEqual([true, false, true, false, true]);
    expect(some.done).toBe(3);
  });
});

describe('how long a share lasts', () => {
  const today = new Date('2026-01-31T15:00:00Z');
  const none = { day: '', month: '', year: '' };
  it('offers 1 and 2 weeks and 1 and 3 months, a month after 31 January being the end of February', () => {
    expect(shareEnd('1-week', none, today)).toEqual({ end: '2026-02-07' });
    expect(shareEnd('2-weeks', none, today)).toEqual({ end: '2026-02-14' });
    expect(shareEnd('1-month', none, today)).toEqual({ end: '2026-02-28' });
    expect(shareEnd('3-months', none, today)).toEqual({ end: '2026-04-30' });
    expect(shareEnd('', none, today)).toEqual({ problem: 'Choose how long to share for', field: 'duration' });
  });
  it('takes a date typed as day, month and year, and says plainly what is wrong with it', () => {
    expect(shareEnd('date', { day: '14', month: '6', year: '2026' }, today)).toEqual({ end: '2026-06-14' });
    expect(shareEnd('date', { day: ' 1', month: '02 ', year: '2026' }, today)).toEqual({ end: '2026-02-01' });
    expect(shareEnd('date', none, today)).toMatchObject({ problem: 'Enter the date the share should end' });
    expect(shareEnd('date', { day: '14', month: '', year: '2026' }, today)).toEqual({ problem: 'The date the share should end must include a month', field: 'month' });
    expect(shareEnd('date', { day: '14', month: '6', year: '' }, today)).toMatchObject({ field: 'year' });
    expect(shareEnd('date', { day: '30', month: '2', year: '2026' }, today)).toMatchObject({ problem: 'The date the share should end must be a real date' });
    expect(shareEnd('date', { day: 'x', month: '2', year: '2026' }, today)).toMatchObject({ problem: 'The date the share should end must be a real date' });
    expect(shareEnd('date', { day: '31', month: '1', year: '2026' }, today)).toMatchObject({ problem: 'The date the share should end must be in the future' });
    expect(shareEnd('date', { day: '1', month: '2', year: '2027' }, today)).toMatchObject({ problem: 'The date the share should end must be within a year from today' });
    expect(shareEnd('date', { day: '31', month: '1', year: '2027' }, today)).toEqual({ end: '2027-01-31' });
  });
  it('writes dates the UK way', () => {
    expect(longDate('1944-06-14')).toBe('14 June 1944');
    expect(longDate('2026-03-01T00:30:00+01:00')).toBe('1 March 2026');
  });
});

describe('the access log, grouped', () => {
  const at = (iso: string, text = 'Northgate Hospital discharge team (Sam Patel) read your support plan', outcome: AccessLine['outcome'] = 'allowed'): AccessLine => {
    const d = new Date(iso);
    const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
    return { when: iso, who: 'Northgate Hospital discharge team (Sam Patel)', outcome, text: outcome === 'refused' ? `${text} on ${day} at ${time}, and was refused.` : `${text} on ${day} at ${time}.` };
  };
  it('joins the same reading repeated minutes apart into one line, and keeps different things apart', () => {
    const reads = ['10:16:40', '10:16:20', '10:16:00', '10:15:50', '10:15:40', '10:15:30', '10:15:20', '10:15:10'].map((t) => at(`2026-03-03T${t}Z`));
    const lines = groupAccessLog([at('2026-03-03T10:20:00Z', 'Northgate Hospital discharge team (Sam Patel) read your allergies'), ...reads, at('2026-03-03T08:00:00Z')]);
    expect(lines.map((l) => l.text)).toEqual([
      'Northgate Hospital discharge team (Sam Patel) read your allergies on 3 March 2026 at 10:20.',
      'Northgate Hospital discharge team (Sam Patel) read your support plan 8 times between 10:15 and 10:16 on 3 March 2026.',
      // Two hours earlier is another visit: its own line.
      'Northgate Hospital discharge team (Sam Patel) read your support plan on 3 March 2026 at 08:00.',
    ]);
    expect(lines.map((l) => l.count)).toEqual([1, 8, 1]);
  });
  it('says when every try was refused, and never joins a refusal with a read', () => {
    const lines = groupAccessLog([at('2026-07-01T09:01:00Z', 'Someone tried to read your allergies', 'refused'), at('2026-07-01T09:01:00Z', 'Someone tried to read your allergies', 'refused'), at('2026-07-01T09:00:00Z', 'Someone read your allergies')]);
    expect(lines.map((l) => l.text)).toEqual(['Someone tried to read your allergies 2 times at 10:01 on 1 July 2026, and was refused each time.', 'Someone read your allergies on 1 July 2026 at 10:00.']);
  });
});
