import type { CarePlan, CareTeam, Resource } from '@medplum/fhirtypes';
import { describeCareTeam, describePlan } from '../../../src/summary/describe.ts';

/**
 * The lines one stored entry shows in easy read: a plan or a care team can hold several people or
 * activities in one resource, and each is its own line. Anything else is one line, as its page describes it.
 */
export function linesOf(resource: Resource, describe: (r: Resource) => string): string[] {
  if (resource.resourceType === 'CarePlan') return describePlan(resource as CarePlan);
  if (resource.resourceType === 'CareTeam') return describeCareTeam(resource as CareTeam);
  return [describe(resource)];
}

/**
 * Easy read takes away only a resource that holds one thing: taking away a plan with three activities
 * to remove one of them would lose the other two (the normal pages change entries one by one).
 */
export const removableAlone = (resource: Resource, describe: (r: Resource) => string): boolean => linesOf(resource, describe).length <= 1;
