import type { CardItem, CardItemKind } from './card-snapshot.ts';

/** What changed in one item a card shows, since the card was made. */
export interface CardChange {
  kind: CardItemKind;
  change: 'added' | 'changed' | 'removed';
  label: string;
}

const order: CardItemKind[] = ['allergy', 'emergency-plan', 'problem', 'medicine', 'contact'];

/** The differences between what a card shows and what a card made now would show, most urgent first. Pure. */
export function cardChanges(onCard: readonly CardItem[], now: readonly CardItem[]): CardChange[] {
  const before = new Map(onCard.map((i) => [i.key, i]));
  const after = new Map(now.map((i) => [i.key, i]));
  const changes: CardChange[] = [];
  for (const item of now) {
    const was = before.get(item.key);
    if (!was) changes.push({ kind: item.kind, change: 'added', label: item.label });
    else if (was.digest !== item.digest) changes.push({ kind: item.kind, change: 'changed', label: item.label });
  }
  for (const item of onCard) if (!after.has(item.key)) changes.push({ kind: item.kind, change: 'removed', label: item.label });
  return changes.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

const nouns: Record<Exclude<CardItemKind, 'emergency-plan'>, string> = {
  allergy: 'an allergy',
  problem: 'a health problem',
  medicine: 'a medicine',
  contact: 'a contact',
};

const verbs: Record<CardChange['change'], string> = { added: 'was added', changed: 'was changed', removed: 'was removed' };

/** "an allergy was added (Penicillin)"; "the emergency care and treatment plan was changed". */
export function changeWords(change: CardChange): string {
  if (change.kind === 'emergency-plan') return `the emergency care and treatment plan ${verbs[change.change]}`;
  const verb = change.kind === 'medicine' && change.change === 'removed' ? 'was stopped' : verbs[change.change];
  return `${nouns[change.kind]} ${verb} (${change.label})`;
}

/** "The printed Red Bag, made on 3 March 2026, is out of date. Since then, an allergy was added (Penicillin)…" (for her and her carers alike). */
export function outOfDateWords(madeOn: string, changes: readonly CardChange[]): string {
  const list = changes.map(changeWords);
  const joined = list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join('; ')}; and ${list.at(-1)}`;
  return `The printed Red Bag, made on ${madeOn}, is out of date. Since then, ${joined}. Print it again so a crew sees what is true now.`;
}
