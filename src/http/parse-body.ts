import type { z } from 'zod';
import { FhirError } from '../fhir/errors.ts';

/** A JSON body checked against a zod schema; every problem named by its field, in plain words. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(body)';
    const text = issue.code === 'invalid_type' && issue.input === undefined ? `Enter ${field}.` : issue.message;
    return { severity: 'error' as const, code: 'invalid' as const, expression: [field], details: { text } };
  });
  throw new FhirError('bad-request', issues[0]?.details.text ?? 'The request is not valid.', issues);
}
