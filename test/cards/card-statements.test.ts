import { describe, expect, it } from 'vitest';
import { cardNotice, noticeText, readNotice, type CardSectionKey, type CardSectionState } from '../../src/cards/card-statements.ts';

type States = Record<CardSectionKey, CardSectionState>;
const listed: States = { allergies: 'listed', plan: 'listed', problems: 'listed', medicines: 'listed', contacts: 'listed' };

/** Every combination a card can be in: allergies and plan are never left off; the rest may be. */
function everyCombination(): States[] {
  const optional: CardSectionState[] = ['listed', 'none-recorded', 'not-on-card', 'some-not-on-card'];
  const out: States[] = [];
  for (const allergies of ['listed', 'no-known-allergies', 'not-recorded'] as const)
    for (const plan of ['listed', 'none-recorded'] as const)
      for (const problems of optional) for (const medicines of optional) for (const contacts of optional) out.push({ allergies, plan, problems, medicines, contacts });
  return out;
}

describe('the card’s notice about its own sections (pure)', () => {
  it('says nothing when every section is listed whole, and nothing is needed for no known allergies (her statement is on the card)', () => {
    expect(cardNotice(listed, 'Patient/p')).toBeUndefined();
    expect(cardNotice({ ...listed, allergies: 'no-known-allergies' }, 'Patient/p')).toBeUndefined();
  });

  it('names what is not on the card, in words, and tells the crew where the rest is', () => {
    const notice = cardNotice({ ...listed, medicines: 'not-on-card', contacts: 'some-not-on-card', problems: 'none-recorded' }, 'Patient/p')!;
    expect(notice).toEqual({
      resourceType: 'Flag',
      status: 'active',
      code: { text: 'Not on this card: medicines, some contacts. Open the Red Bag link or ask. None recorded: health problems.' },
      subject: { reference: 'Patient/p' },
    });
  });

  it('reads back exactly what it wrote, for every combination of sections', () => {
    for (const states of everyCombination()) {
      const text = noticeText(states);
      const said = Object.fromEntries(Object.entries(states).filter(([, s]) => s !== 'listed' && s !== 'no-known-allergies'));
      if (!text) {
        expect(said).toEqual({});
        continue;
      }
      expect(readNotice(text)).toEqual(said);
      expect(text).not.toMatch(/None listed/);
    }
  });

  it('reads nothing into another issuer’s flag', () => {
    expect(readNotice('Risk of falls')).toBeUndefined();
    expect(readNotice('Not on this card: x-rays. Open the Red Bag link or ask.')).toBeUndefined();
    expect(readNotice('')).toBeUndefined();
  });
});
