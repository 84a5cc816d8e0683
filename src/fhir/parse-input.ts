import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { z } from 'zod';
import { FhirError } from './errors.ts';
import { findPrototypeKey } from './prototype-keys.ts';

/**
 * A request body checked against a zod schema, or a 400 FhirError listing every problem by its
 * field (OperationOutcome.issue.expression), so a form can put each message next to its box.
 * The messages are the schema's own, written for the person filling in the form. A key such as
 * `__proto__` anywhere is refused first (zod would silently drop it).
 */
export function parseInput<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const prototypeKey = findPrototypeKey(body);
  if (prototypeKey !== undefined) {
    const text = `"${prototypeKey}" is not a field of this request. Remove it.`;
    throw new FhirError('bad-request', text, [{ severity: 'error', code: 'structure', expression: [prototypeKey], details: { text } }]);
  }
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues: OperationOutcomeIssue[] = result.error.issues.map((issue) => ({
    severity: 'error',
    // zod 4 does not keep the input on its issues: look the value up to tell "missing" from "wrong".
    code: issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined ? 'required' : 'invalid',
    expression: [issue.path.join('.') || '(body)'],
    details: { text: issue.message },
  }));
  throw new FhirError('bad-request', issues[0]?.details?.text ?? 'The request is not valid.', issues);
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
