import { evalFhirPath } from '@medplum/core';
import type { Reference, Resource } from '@medplum/fhirtypes';
import { FhirError } from './errors.ts';
import { isRecordType, patientReferencePath } from './resource-types.ts';
import { parseRelativeReference } from './references.ts';

/** Directory resources belong to nobody's record. */
export const directoryCompartment = '';

/**
 * Whose record a resource belongs to: the id of the one Patient it is about. A record resource that
 * names no Patient, or several, cannot be stored: the compartment is the key every table is sharded on.
 */
export function compartmentOf(resource: Resource & { id: string }): string {
  const type = resource.resourceType;
  if (type === 'Patient') return resource.id;
  if (!isRecordType(type)) return directoryCompartment;
  const path = patientReferencePath[type];
  const patients = new Set<string>();
  for (const ref of evalFhirPath(path, resource) as Reference[]) {
    const parsed = typeof ref?.reference === 'string' ? parseRelativeReference(ref.reference) : undefined;
    if (parsed?.resourceType === 'Patient') patients.add(parsed.id);
  }
  if (patients.size === 1) return [...patients][0]!;
  const expression = `${type}.${path}`;
  const text =
    patients.size === 0
      ? `Say whose record this belongs to: ${expression} must refer to the person (Patient/<id>).`
      : `${expression} refers to more than one person; a ${type} can belong to one person's record only.`;
  throw new FhirError('invalid', text, [
    { severity: 'error', code: 'required', expression: [expression], details: { text } },
  ]);
}
