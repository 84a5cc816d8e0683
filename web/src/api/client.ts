import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { generalWords, hasJargon, type FieldProblem } from '../plain-problems.ts';

/**
 * Talking to the service from the pages: same-origin fetch with the session cookie. Errors come
 * back as the server's OperationOutcome, kept whole so each message can go next to its field.
 */

export type { FieldProblem };

export class ApiError extends Error {
  readonly status: number;
  readonly problems: FieldProblem[];
  /** The server's own issues, for a form to put in its words (form-words.ts). */
  readonly issues: OperationOutcomeIssue[];
  constructor(status: number, message: string, problems: FieldProblem[], issues: OperationOutcomeIssue[] = []) {
    super(message);
    this.status = status;
    this.problems = problems;
    this.issues = issues;
  }
}

interface Outcome {
  issue?: OperationOutcomeIssue[];
}

export async function api<T>(path: string, options: { method?: string; body?: unknown; fhir?: boolean; ifMatch?: string } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/fhir+json, application/json',
        // The version the change was made to: the server refuses it (412) if the resource has changed since.
        ...(options.ifMatch ? { 'If-Match': `W/"${options.ifMatch}"` } : {}),
        ...(options.body !== undefined ? { 'Content-Type': options.fhir ? 'application/fhir+json' : 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'We could not reach Red Bag. Check your connection and try again. Nothing you typed has been lost.', []);
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => undefined)) as (T & Outcome) | undefined;
  if (!response.ok) {
    const issues = body?.issue ?? [];
    // Never a path or a code in front of a person, even on a page that has no words of its own for it.
    const said = (i: OperationOutcomeIssue) => i.details?.text ?? i.diagnostics ?? '';
    const problems = issues.map((i) => ({ field: (i.expression?.[0] ?? '').replace(/^[A-Z][A-Za-z]+\./, ''), text: said(i) && !hasJargon(said(i)) ? said(i) : generalWords(response.status) }));
    throw new ApiError(response.status, problems[0]?.text ?? generalWords(response.status), problems, issues);
  }
  return body as T;
}

/** The resources of a searchset Bundle. */
export function entries<T>(bundle: { entry?: { resource?: T }[] } | undefined): T[] {
  return (bundle?.entry ?? []).map((e) => e.resource).filter((r): r is T => r !== undefined);
}
