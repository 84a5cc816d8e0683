import type { AllergyIntolerance, Resource } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';
import { isNoKnownAllergyStatement } from '../summary/describe.ts';
import type { Write } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';

/** Whether an allergy entry stands now: not resolved, not refuted, not a mistake. */
function inForce(a: AllergyIntolerance): boolean {
  const clinical = a.clinicalStatus?.coding?.[0]?.code;
  const verification = a.verificationStatus?.coding?.[0]?.code;
  return clinical !== 'inactive' && clinical !== 'resolved' && verification !== 'refuted' && verification !== 'entered-in-error';
}

/**
 * A record cannot say both "no known allergies" and name an allergy: a crew would not know which to
 * believe. Given the allergies a record would hold after a write, the plain-English problem with
 * it, naming what this write added; undefined when it is consistent. Pure.
 */
export function allergyStatementProblem(after: AllergyIntolerance[], written: AllergyIntolerance[]): string | undefined {
  const standing = after.filter(inForce);
  const noneKnown = standing.some(isNoKnownAllergyStatement);
  const allergies = standing.some((a) => !isNoKnownAllergyStatement(a));
  if (!noneKnown || !allergies) return undefined;
  return written.some((a) => inForce(a) && isNoKnownAllergyStatement(a))
    ? '“No known allergies” cannot be recorded while an allergy is recorded. Remove the allergy first, or mark it resolved, if she really has none.'
    : 'An allergy cannot be added while “no known allergies” is recorded. Remove that statement first, then add the allergy.';
}

/**
 * Checks the allergies each record would hold after these writes (one request or one transaction)
 * and refuses them all, with a 422, if any record would say both. Reads the stored allergies of
 * the records the writes touch; nothing is written here.
 */
export async function checkAllergyStatements(deps: RecordDeps, writes: readonly Write[]): Promise<void> {
  const byRecord = new Map<string, Write[]>();
  for (const write of writes) {
    const type = write.kind === 'delete' ? write.resourceType : write.resource.resourceType;
    if (type !== 'AllergyIntolerance' || !write.compartment) continue;
    byRecord.set(write.compartment, [...(byRecord.get(write.compartment) ?? []), write]);
  }
  for (const [compartment, recordWrites] of byRecord) {
    const page = await deps.store.search({ resourceType: 'AllergyIntolerance', filters: [], sort: [], count: 1000, offset: 0, total: false, scope: { compartments: [compartment] } });
    const after = new Map<string, Resource>(page.resources.map((s) => [s.id, s.resource]));
    const written: AllergyIntolerance[] = [];
    for (const write of recordWrites) {
      if (write.kind === 'delete') after.delete(write.id);
      else {
        after.set(write.resource.id, write.resource);
        written.push(write.resource as AllergyIntolerance);
      }
    }
    const problem = allergyStatementProblem([...after.values()] as AllergyIntolerance[], written);
    if (problem) throw new FhirError('invalid', problem, [{ severity: 'error', code: 'business-rule', expression: ['AllergyIntolerance.code'], details: { text: problem } }]);
  }
}
