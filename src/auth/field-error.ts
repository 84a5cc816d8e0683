import { FhirError } from '../fhir/errors.ts';

/** An error about one field of a form, named so the portal puts the words beside the right box. */
export function fieldError(code: 'bad-request' | 'invalid' | 'conflict' | 'unauthenticated', field: string, text: string): FhirError {
  const issueCode = code === 'conflict' ? 'duplicate' : 'invalid';
  return new FhirError(code, text, [{ severity: 'error', code: issueCode, expression: [field], details: { text } }]);
}
