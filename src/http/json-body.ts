import express, { type RequestHandler } from 'express';
import { FhirError } from '../fhir/errors.ts';

const jsonTypes = ['application/json', 'application/fhir+json'];

/**
 * A JSON body for the service's own (non-resource) endpoints: application/json and
 * application/fhir+json are both read; any other media type is refused with 415, instead of
 * being left unread and then reported as "field missing".
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse = express.json({ type: jsonTypes, limit: limitBytes });
  return (req, res, next) => {
    if (req.is(jsonTypes) === false) {
      next(new FhirError('unsupported-media-type', 'Send the details as JSON (Content-Type application/json or application/fhir+json).'));
      return;
    }
    parse(req, res, next);
  };
}
