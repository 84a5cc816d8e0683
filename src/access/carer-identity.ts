import type { Resource } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';

/**
 * A carer appears in the record she helps with as a RelatedPerson carrying her account id under
 * this identifier system. Only the service writes it (when she accepts an invitation), so nobody
 * can make herself someone's carer by writing a RelatedPerson.
 */
export const carerAccountSystem = `${canonicalBase}/sid/account`;

export function claimsCarerIdentity(resource: Resource | undefined): boolean {
  const identifiers = (resource as { identifier?: { system?: string }[] } | undefined)?.identifier ?? [];
  return identifiers.some((i) => i.system === carerAccountSystem);
}
