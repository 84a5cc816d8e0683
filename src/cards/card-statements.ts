import type { Flag } from '@medplum/fhirtypes';

/**
 * What a card says about its own sections, so that a crew never reads silence as absence: a
 * section she recorded nothing in says so, and a section left off to fit one QR code says so.
 * Pure; the issuer writes the notice and the scanner reads it back with the same grammar.
 */
export type CardSectionKey = 'allergies' | 'plan' | 'problems' | 'medicines' | 'contacts';

/**
 * - listed: everything she recorded is on the card;
 * - none-recorded: she recorded none (allergies: `not-recorded`, nobody asked);
 * - no-known-allergies: she said so (a coded statement on the card, SNOMED CT 716186003);
 * - not-on-card / some-not-on-card: left off (all or some) to fit one QR code.
 */
export type CardSectionState = 'listed' | 'none-recorded' | 'not-recorded' | 'no-known-allergies' | 'not-on-card' | 'some-not-on-card';

/** Section names in a crew's words. */
export const sectionWords: Record<CardSectionKey, string> = {
  allergies: 'allergies',
  plan: 'emergency care and treatment plan',
  problems: 'health problems',
  medicines: 'medicines',
  contacts: 'contacts',
};

const leftOffLead = 'Not on this card: ';
const leftOffTail = '. Open the Red Bag link or ask.';
const allergiesNotRecorded = 'Allergies not recorded: ask.';
const noneLead = 'None recorded: ';

/**
 * The card's notice: a FHIR Flag (a warning for whoever gives care) placed first after the Patient,
 * whenever a section is not simply listed. Its only content is one plain sentence in `code.text`,
 * which any SMART Health Card viewer shows with the card (a coding would cost ~80 of the ~750
 * bytes a card holds; see docs/clinical-safety.md, H13). Undefined when every section is listed.
 */
export function cardNotice(states: Record<CardSectionKey, CardSectionState>, subject: string): Flag | undefined {
  const text = noticeText(states);
  return text ? { resourceType: 'Flag', status: 'active', code: { text }, subject: { reference: subject } } : undefined;
}

export function noticeText(states: Record<CardSectionKey, CardSectionState>): string | undefined {
  const entries = Object.entries(states) as Array<[CardSectionKey, CardSectionState]>;
  const leftOff = entries.filter(([, s]) => s === 'not-on-card' || s === 'some-not-on-card').map(([k, s]) => (s === 'some-not-on-card' ? `some ${sectionWords[k]}` : sectionWords[k]));
  const none = entries.filter(([, s]) => s === 'none-recorded').map(([k]) => sectionWords[k]);
  const sentences = [
    ...(leftOff.length ? [`${leftOffLead}${leftOff.join(', ')}${leftOffTail}`] : []),
    ...(states.allergies === 'not-recorded' ? [allergiesNotRecorded] : []),
    ...(none.length ? [`${noneLead}${none.join(', ')}.`] : []),
  ];
  return sentences.length ? sentences.join(' ') : undefined;
}

/**
 * Reads a notice back: the sections it names, in the state it names them. Undefined when the text
 * is not a Red Bag card notice (another issuer's Flag), so nothing is guessed from it.
 */
export function readNotice(text: string): Partial<Record<CardSectionKey, CardSectionState>> | undefined {
  const byWords = new Map(Object.entries(sectionWords).map(([k, w]) => [w, k as CardSectionKey]));
  const states: Partial<Record<CardSectionKey, CardSectionState>> = {};
  let rest = text.trim();
  const take = (lead: string, tail: string, state: (item: string) => [string, CardSectionState]): boolean => {
    if (!rest.startsWith(lead)) return true;
    const end = rest.indexOf(tail, lead.length);
    if (end < 0) return false;
    for (const item of rest.slice(lead.length, end).split(', ')) {
      const [words, itemState] = state(item);
      const key = byWords.get(words);
      if (!key) return false;
      states[key] = itemState;
    }
    rest = rest.slice(end + tail.length).trim();
    return true;
  };
  if (!take(leftOffLead, leftOffTail, (item) => (item.startsWith('some ') ? [item.slice(5), 'some-not-on-card'] : [item, 'not-on-card']))) return undefined;
  if (rest.startsWith(allergiesNotRecorded)) {
    states.allergies = 'not-recorded';
    rest = rest.slice(allergiesNotRecorded.length).trim();
  }
  if (!take(noneLead, '.', (item) => [item, 'none-recorded'])) return undefined;
  return rest === '' && Object.keys(states).length > 0 ? states : undefined;
}
