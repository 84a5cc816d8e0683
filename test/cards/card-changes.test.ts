import { describe, expect, it } from 'vitest';
import { cardChanges, changeWords, outOfDateWords } from '../../src/cards/card-changes.ts';
import type { CardItem } from '../../src/cards/card-snapshot.ts';

const item = (key: string, kind: CardItem['kind'], label: string, digest = 'd1'): CardItem => ({ key, kind, label, digest });

describe('what changed since a card was made, in plain words', () => {
  it('finds added, changed and removed items, allergies and the emergency plan first', () => {
    const onCard = [item('MedicationStatement/1', 'medicine', 'Aspirin'), item('CarePlan/9', 'emergency-plan', 'plan'), item('RelatedPerson/4', 'contact', 'Sara Khan')];
    const now = [item('RelatedPerson/4', 'contact', 'Sara Khan'), item('CarePlan/9', 'emergency-plan', 'plan', 'd2'), item('AllergyIntolerance/2', 'allergy', 'Penicillin')];
    expect(cardChanges(onCard, now)).toEqual([
      { kind: 'allergy', change: 'added', label: 'Penicillin' },
      { kind: 'emergency-plan', change: 'changed', label: 'plan' },
      { kind: 'medicine', change: 'removed', label: 'Aspirin' },
    ]);
    expect(cardChanges(now, now)).toEqual([]);
  });

  it.each([
    [{ kind: 'allergy', change: 'added', label: 'Penicillin' }, 'an allergy was added (Penicillin)'],
    [{ kind: 'problem', change: 'changed', label: 'Diabetes' }, 'a health problem was changed (Diabetes)'],
    [{ kind: 'medicine', change: 'removed', label: 'Aspirin' }, 'a medicine was stopped (Aspirin)'],
    [{ kind: 'contact', change: 'removed', label: 'Sara Khan' }, 'a contact was removed (Sara Khan)'],
    [{ kind: 'emergency-plan', change: 'added', label: 'x' }, 'the emergency care and treatment plan was added'],
  ] as const)('%o reads "%s"', (change, words) => {
    expect(changeWords(change)).toBe(words);
  });

  it('says when the card was made, what changed since, and to print again', () => {
    expect(outOfDateWords('3 March 2026', [{ kind: 'allergy', change: 'added', label: 'Penicillin' }, { kind: 'medicine', change: 'removed', label: 'Aspirin' }])).toBe(
      'The printed Red Bag, made on 3 March 2026, is out of date. Since then, an allergy was added (Penicillin); and a medicine was stopped (Aspirin). Print it again so a crew sees what is true now.',
    );
  });
});
