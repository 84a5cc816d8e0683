import type { Bundle, BundleEntry, CodeableConcept, Medication, Patient, Reference, Resource } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';
import { rewriteReferences } from '../fhir/references.ts';

/** What a summary from another system brings into the wallet: the clinical lists a crew needs. */
const importedTypes = new Set(['AllergyIntolerance', 'Condition', 'MedicationStatement']);

/**
 * Turns an International Patient Summary (a FHIR document Bundle made elsewhere) into a transaction
 * Bundle that adds its allergies, problems and medicines to one person's record. Pure.
 *
 * - The document's Patient becomes the person's own Patient (`Patient/<patientId>`); if both give a
 *   date of birth and they differ, nothing is imported: it is probably someone else's summary.
 * - A medicine given as a reference to a Medication in the document is copied in as its code,
 *   since the wallet keeps no Medication resources.
 * - References to anything else in the document (the author, an organisation) keep only their
 *   words (`display`), so nothing points at a resource that is not in the record.
 */
export function ipsToTransaction(document: Bundle, patientId: string, patientBirthDate: string | undefined): Bundle {
  if (document.resourceType !== 'Bundle' || document.type !== 'document') {
    throw new FhirError('bad-request', 'Send the summary as a FHIR document Bundle (type "document"), as the International Patient Summary is.');
  }
  const entries = document.entry ?? [];
  const composition = entries[0]?.resource;
  if (composition?.resourceType !== 'Composition') throw new FhirError('bad-request', 'A FHIR document starts with its Composition; this one does not.');
  const byAddress = new Map<string, Resource>();
  for (const entry of entries) {
    if (!entry.resource) continue;
    if (entry.fullUrl) byAddress.set(entry.fullUrl, entry.resource);
    if (entry.resource.id) byAddress.set(`${entry.resource.resourceType}/${entry.resource.id}`, entry.resource);
  }
  const subject = composition.subject?.reference ? byAddress.get(composition.subject.reference) : undefined;
  if (subject?.resourceType !== 'Patient') throw new FhirError('bad-request', 'The summary does not say whose it is (Composition.subject must be a Patient in the document).');
  const theirs = (subject as Patient).birthDate;
  if (theirs && patientBirthDate && theirs !== patientBirthDate) {
    throw new FhirError('invalid', `This summary is for someone born on ${theirs}, but this record is for someone born on ${patientBirthDate}. Nothing was imported.`);
  }
  const patientAddresses = new Set([composition.subject!.reference!, `Patient/${subject.id}`]);

  const importedAddresses = new Set(entries.filter((e) => e.resource && importedTypes.has(e.resource.resourceType)).map((e) => e.fullUrl));
  const transaction: BundleEntry[] = [];
  for (const entry of entries) {
    const resource = entry.resource;
    if (!resource || !importedTypes.has(resource.resourceType)) continue;
    const copy = structuredClone(resource) as Resource & { medicationReference?: Reference; medicationCodeableConcept?: CodeableConcept };
    delete copy.id;
    delete copy.meta?.versionId;
    delete copy.meta?.lastUpdated;
    if (copy.resourceType === 'MedicationStatement' && copy.medicationReference) {
      const medication = byAddress.get(copy.medicationReference.reference ?? '') as Medication | undefined;
      copy.medicationCodeableConcept = medication?.code ?? { text: copy.medicationReference.display ?? 'Medicine named in the imported summary' };
      delete copy.medicationReference;
    }
    rewriteReferences(copy, (reference) => {
      if (patientAddresses.has(reference)) return `Patient/${patientId}`;
      return importedAddresses.has(reference) ? undefined : '';
    });
    dropEmptyReferences(copy);
    transaction.push({ fullUrl: entry.fullUrl, resource: copy, request: { method: 'POST', url: copy.resourceType } });
  }
  if (transaction.length === 0) throw new FhirError('invalid', 'The summary has no allergies, problems or medicines to import.');
  return { resourceType: 'Bundle', type: 'transaction', entry: transaction };
}

/** A reference rewritten to '' pointed outside the record: keep its words, drop the pointer. */
function dropEmptyReferences(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(dropEmptyReferences);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.reference === '') {
    delete record.reference;
    if (!record.display) record.display = 'Named in the imported summary';
  }
  Object.values(record).forEach(dropEmptyReferences);
}
