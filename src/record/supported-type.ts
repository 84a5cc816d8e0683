import { FhirError } from '../fhir/errors.ts';
import { isSupportedType } from '../fhir/resource-types.ts';

/** Only the wallet's own types are kept; anything else is refused before it reaches the store. */
export function supportedType(resourceType: string): void {
  if (!isSupportedType(resourceType)) {
    throw new FhirError('not-found', `This service does not keep resources of type "${resourceType}".`);
  }
}
