/**
 * Talking to the service from the pages: same-origin fetch with the session cookie. Errors come
 * back as the server's OperationOutcome, kept whole so each message can go next to its field.
 */
export interface FieldProblem {
  field: string;
  text: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problems: FieldProblem[];
  constructor(status: number, message: string, problems: FieldProblem[]) {
    super(message);
    this.status = status;
    this.problems = problems;
  }
}

interface Outcome {
  issue?: { details?: { text?: string }; expression?: string[]; diagnostics?: string }[];
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
    const problems = issues.map((i) => ({ field: (i.expression?.[0] ?? '').replace(/^[A-Z][A-Za-z]+\./, ''), text: i.details?.text ?? i.diagnostics ?? 'Something is not right.' }));
    throw new ApiError(response.status, problems[0]?.text ?? `Something went wrong (${response.status}). Try again.`, problems);
  }
  return body as T;
}

/** The resources of a searchset Bundle. */
export function entries<T>(bundle: { entry?: { resource?: T }[] } | undefined): T[] {
  return (bundle?.entry ?? []).map((e) => e.resource).filter((r): r is T => r !== undefined);
}
