import type { AuditEvent } from '@medplum/fhirtypes';
import { londonDay, londonTime } from '../text/london-clock.ts';

/** One line of "who has seen my record", in words a person reads without help. */
export interface AccessLogLine {
  when: string;
  who: string;
  text: string;
  outcome: 'allowed' | 'refused';
  /** read, searched, opened, added, changed, removed */
  action: string;
}

const things: Record<string, string> = {
  Patient: 'your details',
  AllergyIntolerance: 'your allergies',
  Condition: 'your conditions',
  MedicationStatement: 'your medicines',
  RelatedPerson: 'your contacts',
  CareTeam: 'your care team',
  Goal: 'your goals',
  CarePlan: 'your support plan',
  Appointment: 'your appointments',
  Consent: 'your sharing settings',
  Flag: 'a concern',
  Communication: 'a note',
  Composition: 'a discharge summary',
  DocumentReference: 'a document',
  Observation: 'what is usual for you',
};

/** "Northgate Hospital discharge team read your support plan on 3 March 2026", from one AuditEvent. Pure. */
export function describeAccess(event: AuditEvent, patientId: string): AccessLogLine {
  const requestor = event.agent?.find((a) => a.requestor) ?? event.agent?.[0];
  const onBehalf = event.agent?.find((a) => !a.requestor);
  const isHer = requestor?.who?.reference === `Patient/${patientId}`;
  const who = isHer ? 'You' : onBehalf?.who?.display ? `${onBehalf.who.display} (${requestor?.who?.display ?? 'someone'})` : (requestor?.who?.display ?? 'Someone');
  const types = [...new Set((event.entity ?? []).map((e) => e.what?.reference?.split('/')[0] ?? '').filter((t) => t && t !== 'Consent'))];
  const named = types.filter((t) => t !== 'Patient');
  const what = joinWords((named.length ? named : types).map((t) => things[t] ?? 'part of your record'));
  const interaction = event.subtype?.[0]?.code;
  const refused = event.outcome !== '0';
  const verb = verbOf(event.action, interaction, event.subtype?.[0]?.display);
  const date = londonDay(new Date(event.recorded ?? 0));
  const time = londonTime(new Date(event.recorded ?? 0));
  const because = event.purposeOfEvent?.some((p) => p.coding?.some((c) => c.code === 'BTG')) ? ' in an emergency, without your permission' : '';
  // Breaking the glass is stored as an emergency access (a Consent) made in the clinician's name.
  const opening = because && event.action === 'C' && event.entity?.some((e) => e.what?.reference?.startsWith('Consent/'));
  const text = refused
    ? `${who} tried to ${verb.base} ${what} on ${date} at ${time}, and was refused.`
    : opening
      ? `${who} opened your record${because} on ${date} at ${time}.`
      : verb.whole
        ? `${who} ${verb.whole}${because} on ${date} at ${time}.`
        : `${who} ${verb.past} ${what}${because} on ${date} at ${time}.`;
  return { when: event.recorded ?? '', who, text, outcome: refused ? 'refused' : 'allowed', action: verb.past };
}

function verbOf(action: AuditEvent['action'], interaction: string | undefined, operation: string | undefined): { past: string; base: string; whole?: string } {
  if (interaction === 'operation' && operation === '$summary') return { past: 'opened', base: 'open', whole: 'opened your Red Bag summary' };
  if (interaction === 'operation') return { past: 'opened', base: 'open', whole: 'opened your whole shared record' };
  if (interaction === 'search-type') return { past: 'looked through', base: 'look through' };
  switch (action) {
    case 'C':
      return { past: 'added', base: 'add' };
    case 'U':
      return { past: 'changed', base: 'change' };
    case 'D':
      return { past: 'removed', base: 'remove' };
    default:
      return { past: 'read', base: 'read' };
  }
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? 'your record';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
