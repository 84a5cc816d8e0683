import { FhirError } from '../fhir/errors.ts';
import { idPattern } from '../fhir/ids.ts';

/** `Type`, `Type/id` or `Type?query` of a Bundle entry's request.url (relative, as FHIR asks). */
export function parseEntryUrl(url: string | undefined): { resourceType: string; id?: string } {
  const match = /^([A-Z][A-Za-z]+)(?:\/([^/?]+))?(?:\?.*)?$/.exec(url ?? '');
  if (!match) throw new FhirError('bad-request', `The entry's request.url "${url ?? ''}" is not Type or Type/id.`);
  const id = match[2];
  if (id !== undefined && !idPattern.test(id)) throw new FhirError('bad-request', `"${id}" is not a valid FHIR id.`);
  return { resourceType: match[1]!, id };
}
