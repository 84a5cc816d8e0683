import type { ErrorRequestHandler, RequestHandler } from 'express';
import { FhirError } from '../fhir/errors.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import type { Logger } from '../log.ts';

export const fhirJson = 'application/fhir+json; charset=utf-8';

/** PostgreSQL's SQLSTATE when it stops a statement that ran past statement_timeout (PG_STATEMENT_TIMEOUT_MS). */
const statementTimeout = '57014';

/**
 * The one place an error becomes a response: always an OperationOutcome. Errors from body parsing
 * (malformed JSON, too large) arrive here as http-errors with a `type`; anything unexpected is a
 * 500 whose details stay in the log (without request bodies) and out of the response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toFhirError(err);
    if (error.code === 'unavailable') {
      logger.warn({ method: req.method, path: req.path }, 'database unavailable: answered 503');
      res.setHeader('Retry-After', '5');
    } else if (error.code === 'timeout') {
      // Which route and when, never the query string or body (they can hold names and dates of birth).
      const where = { method: req.method, path: req.path, sqlstate: statementTimeout };
      logger.warn(where, 'a database statement took longer than PG_STATEMENT_TIMEOUT_MS and was stopped');
    } else if (error.status >= 500) {
      logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message, stack: (err as Error)?.stack }, method: req.method, path: req.path }, 'request failed');
    }
    if (error.code === 'unauthenticated') res.setHeader('WWW-Authenticate', 'Bearer realm="redbag"');
    if (res.headersSent) return;
    res.status(error.status).type(fhirJson).send(JSON.stringify(error.toOperationOutcome()));
  };
}

function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  if (err instanceof StoreUnavailableError) return new FhirError('unavailable', 'The service cannot reach its records just now. Please try again in a minute.');
  const e = err as { type?: string; status?: number; limit?: number };
  switch (e?.type) {
    case 'entity.parse.failed':
      return new FhirError('bad-request', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new FhirError('too-large', `The request body is too large: the limit is ${e.limit ?? 'set by the service'} bytes.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new FhirError('unsupported-media-type', 'The request body must be UTF-8 JSON.');
  }
  if (e?.status === 400) return new FhirError('bad-request', 'The request could not be understood.');
  if ((err as { code?: unknown })?.code === statementTimeout) {
    return new FhirError('timeout', 'This took too long and was stopped. If it was a search, try a narrower search: fewer parameters or values.');
  }
  return new FhirError('internal', 'Something went wrong on our side. Please try again.');
}

export const notFoundRoute: RequestHandler = (req) => {
  throw new FhirError('not-found', `There is nothing at ${req.method} ${req.path}.`);
};
