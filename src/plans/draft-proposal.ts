import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';
import type { ActivityLine } from './plan-diff.ts';

/** One row of the "propose a change" form: the activity it started from (if any) and what it says now. */
export interface DraftRow extends ActivityLine {
  original?: CarePlanActivity;
  removed?: boolean;
}

/**
 * The proposal a professional sends: a copy of the current plan with her edits, intent "proposal",
 * status "draft", replacing the current one, with her as author. An activity she did not touch is
 * copied as it is (its status, codes, references); one she changed keeps everything but what she
 * changed. Pure.
 */
export function draftProposal(args: { patientId: string; current?: CarePlan; title: string; description: string; rows: readonly DraftRow[]; author: string; now: Date }): CarePlan {
  const { id, meta, text, identifier, ...copy } = args.current ?? ({} as CarePlan);
  void meta;
  void text;
  void identifier; // the plan's own identity stays with the plan; the proposal is a new resource
  return {
    ...copy,
    resourceType: 'CarePlan',
    status: 'draft',
    intent: 'proposal',
    subject: { reference: `Patient/${args.patientId}` },
    ...(args.title.trim() ? { title: args.title.trim() } : {}),
    ...(args.description.trim() ? { description: args.description.trim() } : { description: undefined }),
    ...(id ? { replaces: [{ reference: `CarePlan/${id}` }] } : {}),
    author: { reference: args.author },
    created: args.now.toISOString(),
    activity: args.rows.filter((r) => !r.removed && (r.what.trim() || r.who.trim() || r.when.trim())).map(activityOf),
  };
}

function activityOf(row: DraftRow): CarePlanActivity {
  const original = row.original;
  const detail = original?.detail ?? { status: 'not-started' as const };
  const was = { what: detail.description ?? '', who: (detail.performer ?? []).map((p) => p.display ?? '').filter(Boolean).join(', '), when: detail.scheduledString ?? '' };
  const { description, scheduledString, performer, ...rest } = detail;
  return {
    ...original,
    detail: {
      ...rest,
      ...(row.what.trim() === was.what.trim() ? (description !== undefined ? { description } : {}) : row.what.trim() ? { description: row.what.trim() } : {}),
      ...(row.when.trim() === was.when.trim() ? (scheduledString !== undefined ? { scheduledString } : {}) : row.when.trim() ? { scheduledString: row.when.trim() } : {}),
      ...(row.who.trim() === was.who.trim() ? (performer !== undefined ? { performer } : {}) : row.who.trim() ? { performer: [{ display: row.who.trim() }] } : {}),
    },
  };
}

/** The form's rows for a plan, one per activity. */
export function draftRows(plan: CarePlan | undefined): DraftRow[] {
  return (plan?.activity ?? []).map((original) => ({
    original,
    what: original.detail?.description ?? '',
    who: (original.detail?.performer ?? []).map((p) => p.display ?? '').filter(Boolean).join(', '),
    when: original.detail?.scheduledString ?? '',
  }));
}
