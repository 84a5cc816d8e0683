import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { compareShares } from '../../src/access/share-change.ts';
import { shareConsent } from '../../src/access/share-consent.ts';
import { shareChangeWords } from '../../src/notifications/share-change-words.ts';
import { dateWords } from '../../src/notifications/notices.ts';

const now = new Date('2026-03-10T10:00:00Z');
const base: Consent = { ...shareConsent({ patientId: 'andrew', grantee: 'Organization/northgate', resourceTypes: ['CarePlan', 'Goal'], start: '2026-03-01', end: '2026-03-31', now }), id: 's' };
const provision = (extra: Record<string, unknown>): Consent => ({ ...base, provision: { ...base.provision, ...extra } });
const names = (reference: string) => ({ 'Organization/northgate': 'Northgate Hospital', 'Organization/brightside': 'Brightside' })[reference] ?? 'someone';

// what changed, before, after, what Andrew reads (undefined: nothing to tell)
const rows: Array<[string, Consent | undefined, Consent | undefined, string | undefined]> = [
  ['the share is ended', base, { ...base, status: 'inactive' }, 'The share with Northgate Hospital has ended: they can no longer see your record.'],
  ['the share is deleted', base, undefined, 'The share with Northgate Hospital has ended: they can no longer see your record.'],
  ['an ended share is made again', { ...base, status: 'inactive' }, base, 'Northgate Hospital can see your record again, until 31 March 2026.'],
  ['conditions are added', base, provision({ class: [...base.provision!.class!, { system: 'http://hl7.org/fhir/resource-types', code: 'Condition' }] }), 'Northgate Hospital can now do more with your record: see conditions.'],
  ['mental health items are included', base, provision({ securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] }), 'Northgate Hospital can now do more with your record: see items about mental health.'],
  ['notes are allowed', base, provision({ action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'collect' }] }] }), 'Northgate Hospital can now do more with your record: add visit notes and raise concerns.'],
  ['the end is brought forward', base, provision({ period: { start: '2026-03-01', end: '2026-03-15' } }), 'Northgate Hospital can now do less with your record: have it only until 15 March 2026.'],
  ['the end is put back', base, provision({ period: { start: '2026-03-01', end: '2026-04-30' } }), 'Northgate Hospital can now do more with your record: keep it until 30 April 2026.'],
  ['goals are taken out and another organisation added', base, provision({ class: [base.provision!.class![0]], actor: [...base.provision!.actor!, { role: { text: 'x' }, reference: { reference: 'Organization/brightside' } }] }),
    'Northgate Hospital can now do more with your record: also share it with Brightside. Northgate Hospital can now do less with your record: no longer see goals.'],
  ['only the recorded time changes', base, { ...base, dateTime: '2026-03-11T10:00:00Z' }, undefined],
  ['a share that never granted anything is ended', { ...base, status: 'draft' }, { ...base, status: 'inactive' }, undefined],
];

describe('what Andrew is told when a share changes', () => {
  it.each(rows)('%s', (_what, before, after, told) => {
    const change = compareShares(before, after);
    expect(change ? shareChangeWords(change, names, 'your record', dateWords).text : undefined).toBe(told);
  });
});
