import type { Consent, Resource } from '@medplum/fhirtypes';
import { Operator } from '@medplum/core';
import { FhirError } from '../fhir/errors.ts';
import type { RecordDeps } from './deps.ts';

const professionalGrantee = /^(Organization|PractitionerRole|Practitioner)\//;

/** A share with an organisation or a professional (not a carer's arrangement, not an emergency access). */
function isShareWithProfessionals(resource: Resource): resource is Consent {
  return resource.resourceType === 'Consent' && (resource.provision?.actor ?? []).some((a) => professionalGrantee.test(a.reference?.reference ?? ''));
}

/**
 * Shares nobody asked for, made in bulk, cost the organisations they name (every professional's
 * lookup reads them): one person may make or change at most `sharesPerDay` of them in 24 hours.
 * Real people make a few; the answer says plainly why and when to try again.
 */
export async function requireShareRate(deps: RecordDeps, resource: Resource, compartment: string): Promise<void> {
  const limit = deps.sharesPerDay;
  if (limit === undefined || !isShareWithProfessionals(resource)) return;
  const since = new Date(deps.clock().getTime() - 24 * 3600_000).toISOString();
  const page = await deps.store.search({
    resourceType: 'Consent',
    filters: [{ code: '_lastUpdated', operator: Operator.GREATER_THAN_OR_EQUALS, value: since }],
    sort: [],
    count: limit * 4,
    offset: 0,
    total: false,
    scope: { compartments: [compartment] },
  });
  const recent = page.resources.filter((stored) => isShareWithProfessionals(stored.resource)).length;
  if (recent >= limit) {
    throw new FhirError('too-many-requests', `You have made or changed ${recent} shares in the last 24 hours, the most allowed. Please try again tomorrow, or ask us if you need more.`);
  }
}
