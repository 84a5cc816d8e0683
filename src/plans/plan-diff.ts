import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';

/**
 * What a proposed support plan would change, line by line, for the side-by-side the person reads
 * before she accepts or declines it. Pure and browser-safe. Activities carry no ids, so they are
 * paired by what they say: identical lines first, then the same "what" (its who or when changed),
 * then the same who and when (its wording changed); whatever is left was removed or added.
 */
export interface ActivityLine {
  what: string;
  who: string;
  when: string;
}

export type LineField = keyof ActivityLine;

export type ActivityChange =
  | { kind: 'same'; now: ActivityLine; proposed: ActivityLine }
  | { kind: 'changed'; now: ActivityLine; proposed: ActivityLine; fields: LineField[] }
  | { kind: 'removed'; now: ActivityLine }
  | { kind: 'added'; proposed: ActivityLine };

export interface TextChange {
  now: string;
  proposed: string;
  changed: boolean;
}

export interface PlanDiff {
  title: TextChange;
  description: TextChange;
  /** In the current plan's order, then what is added in the proposal's order. */
  activities: ActivityChange[];
  /** Anything at all differs. */
  changed: boolean;
}

const fields: readonly LineField[] = ['what', 'who', 'when'];

/** One activity as the person reads it: what happens, who does it, when. */
export function activityLine(activity: CarePlanActivity): ActivityLine {
  const detail = activity.detail;
  return {
    what: clean(detail?.description ?? detail?.code?.text ?? ''),
    who: clean((detail?.performer ?? []).map((p) => p.display ?? '').filter(Boolean).join(', ')),
    when: clean(detail?.scheduledString ?? detail?.scheduledTiming?.code?.text ?? ''),
  };
}

export function diffPlans(current: CarePlan | undefined, proposed: CarePlan): PlanDiff {
  const now = (current?.activity ?? []).map(activityLine);
  const next = (proposed.activity ?? []).map(activityLine);
  const pairOf = new Map<number, number>(); // current index -> proposed index
  const taken = new Set<number>();
  const pass = (same: (a: ActivityLine, b: ActivityLine) => boolean) => {
    now.forEach((line, i) => {
      if (pairOf.has(i)) return;
      const j = next.findIndex((other, k) => !taken.has(k) && same(line, other));
      if (j >= 0) {
        pairOf.set(i, j);
        taken.add(j);
      }
    });
  };
  pass((a, b) => fields.every((f) => same(a[f], b[f])));
  pass((a, b) => a.what !== '' && same(a.what, b.what));
  pass((a, b) => a.who !== '' && a.when !== '' && same(a.who, b.who) && same(a.when, b.when));

  const activities: ActivityChange[] = now.map((line, i): ActivityChange => {
    const j = pairOf.get(i);
    if (j === undefined) return { kind: 'removed', now: line };
    const proposedLine = next[j]!;
    const differ = fields.filter((f) => line[f] !== proposedLine[f]);
    return differ.length ? { kind: 'changed', now: line, proposed: proposedLine, fields: differ } : { kind: 'same', now: line, proposed: proposedLine };
  });
  next.forEach((line, k) => {
    if (!taken.has(k)) activities.push({ kind: 'added', proposed: line });
  });
  const title = text(current?.title, proposed.title);
  const description = text(current?.description, proposed.description);
  return { title, description, activities, changed: title.changed || description.changed || activities.some((a) => a.kind !== 'same') };
}

function text(now: string | undefined, proposed: string | undefined): TextChange {
  const a = clean(now ?? '');
  const b = clean(proposed ?? '');
  return { now: a, proposed: b, changed: a !== b };
}

/** Spacing is not a change anyone can see. */
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
/** Pairing ignores case ("Shopping" and "shopping" are the same activity); showing does not. */
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
