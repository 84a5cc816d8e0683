import type { Consent, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { SearchLimits } from '../search/search-limits.ts';
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
  /** The records an account may be a carer for (a lookup; the Consents decide). Absent: none. */
  carerCompartments?: (accountId: string) => Promise<string[]>;
  /** Told what happened, after it is stored, so the person can be notified (notifications/). Must not throw. */
  events?: RecordEvents;
  /** Bounds on a caller's search that reaches the record inside a request (If-None-Exist); the defaults when absent. */
  searchLimits?: SearchLimits;
}

export interface RecordEvents {
  /** A Consent was created or changed. */
  consentWritten(consent: Consent): Promise<void>;
  /** Someone other than the person read or wrote her record through this share (`Consent/…`). */
  grantUsed(patientId: string, grant: string, actor: Actor): Promise<void>;
  /** A professional added something to her record (a note, a concern, a discharge summary, a proposed plan). */
  addedByProfessional(patientId: string, resource: Resource, actor: Actor): Promise<void>;
}
