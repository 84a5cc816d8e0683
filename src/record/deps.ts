import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Store } from '../store/store.ts';

/** Checks a resource against R4 and the wallet's profiles; an empty list means valid. */
export interface Validator {
  validate(resource: Resource): OperationOutcomeIssue[];
}

export interface RecordDeps {
  store: Store;
  validator: Validator;
  clock: () => Date;
  newId: () => string;
}
