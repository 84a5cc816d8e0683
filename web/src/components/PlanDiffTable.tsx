import type { CarePlan } from '@medplum/fhirtypes';
import { ResponsiveTable } from './ResponsiveTable.tsx';
import { diffPlans, type ActivityChange, type ActivityLine, type LineField } from '../../../src/plans/plan-diff.ts';

/**
 * A proposed support plan beside the plan as it is now, row by row, each changed row tagged, so
 * the person (and the professional checking before she sends it) sees exactly what would change.
 * On a phone the two columns stack, each cell naming its column (NHS.UK responsive table).
 */
export function PlanDiffTable({ current, proposed, caption }: { current: CarePlan | undefined; proposed: CarePlan; caption: string }) {
  const diff = diffPlans(current, proposed);
  const rows: Row[] = [
    { label: 'Name of the plan', now: diff.title.now, proposed: diff.title.proposed, ...(diff.title.changed ? { tag: 'Changed' } : {}) },
    ...(diff.description.now || diff.description.proposed
      ? [{ label: 'About the plan', now: diff.description.now, proposed: diff.description.proposed, ...(diff.description.changed ? { tag: 'Changed' } : {}) }]
      : []),
    ...diff.activities.map(rowOf),
  ];
  return (
    <>
      {diff.changed ? null : <p>This would change nothing.</p>}
      <ResponsiveTable
        caption={caption}
        headings={['What', 'Now', 'Proposed']}
        testId="plan-diff"
        rows={rows.map((row, i) => ({
          key: String(i),
          change: row.tag ?? 'same',
          cells: [
            <>{row.label}{row.tag ? <> <strong className={`nhsuk-tag ${tagColour(row.tag)}`}>{row.tag}</strong></> : null}</>,
            row.now || <span className="nhsuk-body-s">(nothing)</span>,
            row.proposed || <span className="nhsuk-body-s">(nothing)</span>,
          ],
        }))}
      />
    </>
  );
}

function rowOf(a: ActivityChange): Row {
  if (a.kind === 'same') return { label: 'Help', now: line(a.now), proposed: line(a.proposed) };
  if (a.kind === 'changed') return { label: 'Help', now: line(a.now), proposed: line(a.proposed), tag: `Changed: ${a.fields.map((f) => fieldWords[f]).join(', ')}` };
  if (a.kind === 'removed') return { label: 'Help', now: line(a.now), proposed: '', tag: 'Taken out' };
  return { label: 'Help', now: '', proposed: line(a.proposed), tag: 'New' };
}

interface Row {
  label: string;
  now: string;
  proposed: string;
  tag?: string;
}

const tagColour = (tag: string): string => (tag === 'Taken out' ? 'nhsuk-tag--red' : tag === 'New' ? 'nhsuk-tag--green' : 'nhsuk-tag--yellow');

const fieldWords: Record<LineField, string> = { what: 'what', who: 'who', when: 'when' };

/** "Home care visit — Brightside Home Care — 8am and 6pm". */
export function line(a: ActivityLine): string {
  return [a.what, a.who && `by ${a.who}`, a.when].filter(Boolean).join(' — ');
}
