/**
 * Changing one entry of a record section without touching anything else (issue 14, item 1).
 *
 * A row on a section page is an "entry": a whole resource (a medicine, a contact, a goal) or one element of a
 * list inside a resource (a member of a CareTeam, an activity of a CarePlan). Every change here is made to the
 * resource as it was read, and returns a resource in which everything the person did not change is the very
 * same value as before: the other entries, the other fields of this entry, and whatever the form does not show
 * (a coding, a second phone number, an extension written by another system). Pure: no I/O, so it is proven in
 * fast unit tests; the page sends the result with If-Match so an edit made elsewhere is never overwritten.
 */
import type { Resource } from '@medplum/fhirtypes';

export type Form = Record<string, string>;
type Json = Record<string, unknown>;

/** How one section's rows are read from, and written back into, a resource. */
export interface EntryKind {
  /** True when each row is a whole resource (removing it deletes the resource). */
  whole: boolean;
  /** The resource cannot be kept without an entry (a CareTeam needs a member): removing the last deletes it. */
  keepsOne?: boolean;
  entries(resource: Resource): unknown[];
  withEntries(resource: Resource, entries: unknown[]): Resource;
  describe(entry: unknown): string;
  toForm(entry: unknown): Form;
  /** The entry the form describes, built on `current` (what it was) so what the form cannot show is kept. */
  fromForm(form: Form, current?: unknown): unknown;
}

/** Rows that are whole resources. */
export function wholeResources(fns: Pick<EntryKind, 'describe' | 'toForm' | 'fromForm'>): EntryKind {
  return { whole: true, entries: (r) => [r], withEntries: (r, list) => (list[0] as Resource | undefined) ?? r, ...fns };
}

/** Rows that are the elements of one list in the resource (CareTeam.participant, CarePlan.activity). */
export function elementsOf(key: string, fns: Pick<EntryKind, 'describe' | 'toForm' | 'fromForm' | 'keepsOne'>): EntryKind {
  return {
    whole: false,
    entries: (r) => ((r as unknown as Json)[key] as unknown[] | undefined) ?? [],
    withEntries: (r, list) => {
      const { [key]: _old, ...rest } = r as unknown as Json;
      // The key keeps its place in the resource when it was there, so an unchanged resource reads the same.
      return (list.length ? { ...(r as unknown as Json), [key]: list } : rest) as unknown as Resource;
    },
    ...fns,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A three-way merge of one object's top-level fields: `base` is what the form made of the entry before the
 * person typed, `next` what it makes of what she typed. A field the typing did not change is kept exactly as
 * `current` has it (even if the form would have written it differently); only changed fields are taken from `next`.
 */
export function mergeChange<T>(current: T, base: T, next: T): T {
  const cur = current as Json;
  const b = base as Json;
  const n = next as Json;
  const out: Json = {};
  for (const key of Object.keys(cur)) {
    if (same(b[key], n[key])) out[key] = cur[key];
    else if (n[key] !== undefined) out[key] = n[key];
  }
  for (const key of Object.keys(n)) {
    if (!(key in cur) && n[key] !== undefined && !same(b[key], n[key])) out[key] = n[key];
  }
  return out as T;
}

/** The fields the person changed on the form. */
export function changedFields(before: Form, after: Form): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? '') !== (after[k] ?? ''));
}

/** Entry `index` of `resource` changed from the form as it was (`before`) to what was typed (`after`). */
export function changeEntry(kind: EntryKind, resource: Resource, index: number, before: Form, after: Form): Resource {
  const list = kind.entries(resource);
  const current = list[index];
  if (current === undefined) throw new RangeError(`No entry ${index} to change`);
  const merged = mergeChange(current, kind.fromForm(before, current), kind.fromForm(after, current));
  return kind.withEntries(resource, list.map((e, i) => (i === index ? merged : e)));
}

/** The resource with one more entry at the end (a list section). */
export function addEntry(kind: EntryKind, resource: Resource, form: Form): Resource {
  return kind.withEntries(resource, [...kind.entries(resource), kind.fromForm(form)]);
}

/**
 * The resource without entry `index`; undefined when the resource itself goes (the entry is the whole resource,
 * or the last one of a resource that needs one): then it is deleted instead, and undo puts it back whole.
 */
export function removeEntry(kind: EntryKind, resource: Resource, index: number): Resource | undefined {
  const list = kind.entries(resource);
  if (kind.whole || (kind.keepsOne && list.length <= 1)) return undefined;
  return kind.withEntries(resource, list.filter((_, i) => i !== index));
}

/** Undo: the removed entry back at its place (or the end, if the list has since become shorter). */
export function restoreEntry(kind: EntryKind, resource: Resource, index: number, entry: unknown): Resource {
  const list = [...kind.entries(resource)];
  list.splice(Math.min(index, list.length), 0, entry);
  return kind.withEntries(resource, list);
}

/**
 * Where an entry read earlier is in a newer version of its resource: at its old place if it is unchanged there,
 * else wherever it now is unchanged, else -1 (it was changed or removed elsewhere).
 */
export function findEntry(kind: EntryKind, resource: Resource, index: number, entry: unknown): number {
  const list = kind.entries(resource);
  if (same(list[index], entry)) return index;
  return list.findIndex((e) => same(e, entry));
}

/** A copy without what the server sets, for sending a removed resource back. */
export function withoutServerMeta(resource: Resource): Resource {
  const { meta, ...rest } = resource;
  const { versionId: _v, lastUpdated: _l, ...keep } = meta ?? {};
  return (Object.keys(keep).length ? { ...rest, meta: keep } : rest) as Resource;
}

/** Sets a field, or takes it away when the value is empty: a cleared form field leaves no empty value behind. */
export function setOrDrop<T extends object>(object: T | undefined, key: string, value: unknown): T {
  const { [key]: _old, ...rest } = (object ?? {}) as Json;
  return (value === undefined || value === '' ? rest : { ...(object as Json | undefined), [key]: value }) as T;
}
