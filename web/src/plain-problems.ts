import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * What the server says when it refuses something, turned into a plain sentence beside the field it
 * is about (the NHS.UK error summary and inline error). The server speaks to every client (FHIRPath,
 * codes, constraint keys: "MedicationStatement.medication[x] is required"); a person reads "Enter the
 * name of the medicine". Each form says which of its fields each part of the record fills and what
 * to tell her; anything a form does not name, and every message with jargon in it, becomes a
 * general sentence for what happened. Pure.
 */
export interface FieldProblem {
  field: string;
  text: string;
}

/** A field of a form: its id on the page, and what to tell her when the server refuses it. */
export interface FieldWords {
  field: string;
  text: string;
}

export interface FormWords {
  /** By element path without the resource type, [x] or indexes ("participant.role"); the longest that fits wins. */
  elements?: Record<string, FieldWords>;
  /** By profile constraint key ("redbag-ecp-2"), for rules about the entry as a whole. */
  constraints?: Record<string, FieldWords>;
  /** When the server refuses the form for a reason no field is named for. */
  otherwise?: string;
}

/** Paths, [x], codes and the words of the FHIR specification: never in front of a person. */
const jargon = [
  /\b[A-Z][A-Za-z]+\.[a-z][A-Za-z]*/, // MedicationStatement.medication
  /\[(?:x|\d+)\]/, // [x], [0]
  /\b[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{4,}/, // Patient/4ee9…
  /(?<![\d ])\d{6,18}(?![\d ])/, // a SNOMED CT code: 304252001
  /\b\d{4,5}-\d\b/, // a LOINC code: 48765-2
  /non-primitive|invariant|FHIRPath|\bSHALL\b|resourceType|OperationOutcome|\bJSON\b|\bBundle\b|\bComposition\b|Constraint|\bnull\b|undefined/,
];

export function hasJargon(text: string): boolean {
  return jargon.some((pattern) => pattern.test(text));
}

/** What happened, when no field is to blame, by the answer's status. */
export function generalWords(status: number): string {
  if (status === 0) return 'We could not reach Red Bag. Check your connection and try again. Nothing you typed has been lost.';
  if (status === 401) return 'You have been signed out. Sign in again: nothing you typed has been lost.';
  if (status === 403) return 'You cannot make this change to this record.';
  if (status === 404 || status === 410) return 'We could not find this. It may have been removed, or the link may be out of date.';
  if (status === 409 || status === 412) return 'Someone else changed this at the same time. Reload the page to see their change, then try again.';
  if (status === 413) return 'That is too long. Shorten it and try again.';
  if (status === 429) return 'Too many tries in a short time. Wait a minute and try again.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a minute: nothing you typed has been lost.';
  return 'Something in this form is not right. Check your answers and try again.';
}

/** "MedicationStatement.medication[x].text" → "medication.text"; "CarePlan" → "". */
export function elementPath(expression: string | undefined): string {
  return (expression ?? '')
    .replace(/^[A-Z][A-Za-z]+(?=\.|$)/, '')
    .replace(/^\./, '')
    .replace(/\[(?:x|\d+)\]/g, '');
}

function byElement(path: string, elements: Record<string, FieldWords>): FieldWords | undefined {
  let best: string | undefined;
  for (const key of Object.keys(elements)) {
    const fits = path === key || path.startsWith(`${key}.`);
    if (fits && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : elements[best];
}

function byConstraint(issue: OperationOutcomeIssue, constraints: Record<string, FieldWords>): FieldWords | undefined {
  const said = `${issue.diagnostics ?? ''} ${issue.details?.text ?? ''}`;
  return Object.entries(constraints).find(([key]) => said.includes(key))?.[1];
}

/**
 * The problems to show for one refused request: each beside its field in the form's words, or as the
 * server said it when that is already plain, or a general sentence. One message per field.
 */
export function plainProblems(issues: OperationOutcomeIssue[], status: number, words: FormWords = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues.filter((i) => i.severity !== 'information' && i.severity !== 'warning')) {
    const expression = issue.expression?.[0];
    const known = byElement(elementPath(expression), words.elements ?? {}) ?? byConstraint(issue, words.constraints ?? {});
    const said = issue.details?.text ?? issue.diagnostics ?? '';
    const problem = known
      ? { field: known.field, text: known.text }
      : { field: expression && elementPath(expression) && !hasJargon(expression) ? expression : '', text: said && !hasJargon(said) ? said : (words.otherwise ?? generalWords(status)) };
    if (!problems.some((p) => p.field === problem.field && (p.field !== '' || p.text === problem.text))) problems.push(problem);
  }
  return problems.length ? problems : [{ field: '', text: words.otherwise ?? generalWords(status) }];
}
