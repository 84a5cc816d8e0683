import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * The one error type of the service. Every failure that a caller should hear about is a FhirError;
 * http/errors.ts turns it into an OperationOutcome with `status`. `code` is stable so that tests
 * and clients can rely on it (in the style of jose's ERR_* codes).
 */
export type FhirErrorCode =
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'gone'
  | 'precondition-failed'
  | 'too-large'
  | 'unsupported-media-type'
  | 'invalid'
  | 'too-many-requests'
  | 'internal'
  | 'unavailable'
  | 'timeout';

const statusOf: Record<FhirErrorCode, number> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  gone: 410,
  'precondition-failed': 412,
  'too-large': 413,
  'unsupported-media-type': 415,
  invalid: 422,
  'too-many-requests': 429,
  internal: 500,
  unavailable: 503,
  timeout: 503,
};

const issueCodeOf: Record<FhirErrorCode, OperationOutcomeIssue['code']> = {
  'bad-request': 'invalid',
  unauthenticated: 'login',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  'method-not-allowed': 'not-supported',
  conflict: 'conflict',
  gone: 'deleted',
  'precondition-failed': 'conflict',
  'too-large': 'too-long',
  'unsupported-media-type': 'not-supported',
  invalid: 'invariant',
  'too-many-requests': 'throttled',
  internal: 'exception',
  unavailable: 'transient',
  timeout: 'timeout',
};

export class FhirError extends Error {
  readonly code: FhirErrorCode;
  readonly status: number;
  readonly issues: OperationOutcomeIssue[];

  /** `message` is shown to people: plain English, no health data. */
  constructor(code: FhirErrorCode, message: string, issues?: OperationOutcomeIssue[]) {
    super(message);
    this.name = 'FhirError';
    this.code = code;
    this.status = statusOf[code];
    this.issues = issues?.length
      ? issues
      : [{ severity: 'error', code: issueCodeOf[code], details: { text: message } }];
  }

  toOperationOutcome(): OperationOutcome {
    return { resourceType: 'OperationOutcome', issue: this.issues };
  }
}

export const notFound = (resourceType: string, id: string): FhirError =>
  new FhirError('not-found', `${resourceType}/${id} was not found.`);

export function informational(message: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'information', code: 'informational', details: { text: message } }],
  };
}
