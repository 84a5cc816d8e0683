import type { CarePlan, CarePlanActivity, Coding } from '@medplum/fhirtypes';
import { restartNo, restartYes } from './content/emergency-wishes.ts';

const snomed = 'http://snomed.info/sct';
const isRestart = (a: CarePlanActivity): boolean => a.detail?.code?.coding?.some((c) => c.system === snomed && (c.code === restartYes || c.code === restartNo)) === true;

/** The "restart my heart?" answer recorded in a plan, if any. */
export const restartAnswer = (plan: CarePlan): string | undefined => plan.activity?.find(isRestart)?.detail?.code?.coding?.find((c) => c.system === snomed)?.code;

/**
 * Her new answer in her existing plan. Only the answer changes (and the words, if she wrote new ones):
 * every other activity, and every other part of the restart activity, stays exactly as it was.
 */
export function withRestartAnswer(plan: CarePlan, coding: Coding, wishes: string | undefined): CarePlan {
  const activities = plan.activity ?? [];
  const answer = (a: CarePlanActivity): CarePlanActivity => ({ ...a, detail: { ...a.detail, status: a.detail?.status ?? 'in-progress', code: { coding: [coding] }, description: coding.display } });
  const changed = activities.some(isRestart) ? activities.map((a) => (isRestart(a) ? answer(a) : a)) : [answer({}), ...activities];
  return { ...plan, ...(wishes ? { description: wishes } : {}), activity: changed };
}
