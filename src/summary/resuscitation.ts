import type { CarePlan, CodeableConcept, Coding } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';

/**
 * What an emergency care and treatment plan says about resuscitation: for CPR, not for CPR (SNOMED
 * CT), or "not decided yet" (the wallet's own code: SNOMED CT has none). Not decided is recorded on
 * purpose, so it is shown as not decided — never as a decision, and never as if nobody had asked. Pure.
 */
export const resuscitationStatusSystem = `${canonicalBase}/CodeSystem/redbag-resuscitation-status`;
const sct = 'http://snomed.info/sct';

export const forCpr: Coding = { system: sct, code: '304252001', display: 'For cardiopulmonary resuscitation' };
export const notForCpr: Coding = { system: sct, code: '304253006', display: 'Not for cardiopulmonary resuscitation' };
export const cprNotDecided: Coding = { system: resuscitationStatusSystem, code: 'not-yet-decided', display: 'Resuscitation (CPR) not decided yet' };

export const resuscitationCodings = [forCpr, notForCpr, cprNotDecided];

export const isResuscitationCoding = (c: Coding): boolean => resuscitationCodings.some((r) => r.system === c.system && r.code === c.code);

/** The plan's resuscitation statement, whichever of the three it is. */
export function resuscitationOf(plan: CarePlan | undefined): CodeableConcept | undefined {
  return plan?.activity?.map((a) => a.detail?.code).find((c) => c?.coding?.some(isResuscitationCoding));
}

export type ResuscitationDecision = 'for-cpr' | 'not-for-cpr' | 'not-decided';

export function resuscitationDecision(plan: CarePlan | undefined): ResuscitationDecision | undefined {
  const coding = resuscitationOf(plan)?.coding?.find(isResuscitationCoding);
  if (!coding) return undefined;
  return coding.code === forCpr.code ? 'for-cpr' : coding.code === notForCpr.code ? 'not-for-cpr' : 'not-decided';
}
