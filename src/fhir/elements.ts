import type { Resource } from '@medplum/fhirtypes';

/** FHIR marks a resource trimmed by _elements or _summary with this tag so nobody mistakes it for the whole. */
const subsetted = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

/** `_elements`: keep the listed top-level elements plus the mandatory id, meta and resourceType. */
export function selectElements<T extends Resource>(resource: T, elements: readonly string[]): T {
  const keep = new Set(['resourceType', 'id', 'meta', ...elements]);
  const trimmed = Object.fromEntries(Object.entries(resource).filter(([key]) => keep.has(key))) as T;
  trimmed.meta = { ...resource.meta, tag: [...(resource.meta?.tag ?? []), subsetted] };
  return trimmed;
}
