import type { Consent, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { SearchLimits } from '../search/search-limits.ts';
import type { Store } from '../store/store.ts';
import type { AccessLogWriter } from './access-log-writer.ts';
import type { ActorNames } from './actor-names.ts';
import type { Logger } from '../log.ts';

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
  /** Where a stored share that grants nothing because it is malformed is reported (ids only, never content). */
  logger?: Pick<Logger, 'warn'>;
  /** Told what happened, after it is stored, so the person can be notified (notifications/). Must not throw. */
  events?: RecordEvents;
  /** Bounds on a caller's search that reaches the record inside a request (If-None-Exist); the defaults when absent. */
  searchLimits?: SearchLimits;
  /** Shares with organisations or professionals one person may make or change in a day (record/share-rate.ts). */
  sharesPerDay?: number;
  /** Where reads by others are logged (record/access-log-writer.ts); createRecord makes one when absent. */
  accessLog?: AccessLogWriter;
  /** Names audit events copy, kept a minute (record/actor-names.ts); createRecord makes one when absent. */
  actorNames?: ActorNames;
}

/** A Consent before and after one write (`after` absent: deleted; `before` absent: new). */
export interface ConsentChange {
  before?: Consent;
  after?: Consent;
  /** The version the write made: one notice per change. */
  version: string;
}

export interface RecordEvents {
  /** A Consent was created, changed or deleted: who can see the record may have changed. */
  consentChanged(change: ConsentChange): Promise<void>;
  /** Someone other than the person read or wrote her record through this share (`Consent/…`). */
  grantUsed(patientId: string, grant: string, actor: Actor): Promise<void>;
  /** A professional added something to her record (a note, a concern, a discharge summary, a proposed plan). */
  addedByProfessional(patientId: string, resource: Resource, actor: Actor): Promise<void>;
}
