import type { Resource } from '@medplum/fhirtypes';
import { elementsOf, wholeResources, type EntryKind } from './entry-edit.ts';
import type { Section } from './record-sections.ts';

/** How a section's rows map onto its resources: a list inside each resource, or each resource itself. */
export function entryKindOf(section: Section, patient: string): EntryKind {
  const list = section.entries;
  if (list) {
    return elementsOf(list.key, {
      keepsOne: list.keepsOne,
      describe: (e) => list.describe(e as never),
      toForm: (e) => list.toForm(e as never),
      fromForm: (form, current) => list.fromForm(form, current as never),
    });
  }
  return wholeResources({
    describe: (r) => section.describe(r as Resource),
    toForm: (r) => section.toForm(r as Resource),
    fromForm: (form, current) => section.fromForm(form, patient, current as Resource | undefined),
  });
}
