import type { Resource } from '@medplum/fhirtypes';
import { elementsOf, wholeResources, type EntryKind } from './entry-edit.ts';
import type { Section } from './record-sections.ts';
import { withFriendlyWords } from './friendly-words.ts';
import { withUkDates } from '../../src/cards/uk-date.ts';

/** In everyday words and UK dates; the stored entry keeps its codes' own words. */
const inPlainWords = (describe: (entry: never) => string) => (entry: unknown): string => withUkDates(describe(withFriendlyWords(entry) as never));

/** How a section's rows map onto its resources: a list inside each resource, or each resource itself. */
export function entryKindOf(section: Section, patient: string): EntryKind {
  const list = section.entries;
  if (list) {
    return elementsOf(list.key, {
      keepsOne: list.keepsOne,
      describe: inPlainWords(list.describe),
      toForm: (e) => list.toForm(e as never),
      fromForm: (form, current) => list.fromForm(form, current as never),
    });
  }
  return wholeResources({
    describe: inPlainWords(section.describe as (entry: never) => string),
    toForm: (r) => section.toForm(r as Resource),
    fromForm: (form, current) => section.fromForm(form, patient, current as Resource | undefined),
  });
}
