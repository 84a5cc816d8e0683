import type { Filter, SortRule } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/**
 * The storage port. It speaks FHIR verbs only: no access policy, no audit, no validation
 * (record/ does those). Two adapters implement it, sqlite.ts and postgres.ts, and both pass
 * test/store/store-contract.ts unchanged.
 *
 * Every row is keyed by its compartment: the id of the Patient whose record it belongs to
 * ('' for directory resources that belong to nobody, such as Organization; stored spread over a few
 * buckets, see sql/placement.ts). That key is what a distributed PostgreSQL (Citus) shards on.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /** The current version, a tombstone if the resource was deleted, or undefined if it never existed. */
  read(resourceType: string, id: string): Promise<StoredVersion | undefined>;

  /** One version by its versionId, or undefined. */
  vread(resourceType: string, id: string, versionId: string): Promise<StoredVersion | undefined>;

  /** The current, not-deleted versions of the given resources, in no particular order (missing ones left out). */
  readMany(keys: readonly ResourceKey[]): Promise<StoredResource[]>;

  /** Versions, newest first, of one resource, one type, or every type, within the scope. */
  history(query: HistoryQuery): Promise<HistoryPage>;

  /** Runs a search through the index tables, never by loading and matching in memory. */
  search(query: StoreSearch): Promise<SearchPage>;

  /**
   * Each list's current resources of one type within its scope, oldest change first, at most `limit`
   * of each, all in one statement: what $everything and a card read type by type, in one round trip
   * instead of one a type. The answer has one array per list, in the order asked.
   */
  listEach(lists: readonly TypeList[], limit: number): Promise<StoredResource[][]>;

  /**
   * Applies all writes in ONE database transaction, durable (fsynced / committed) before it
   * resolves. If any write fails, none is applied and the FhirError of the first failure is thrown:
   * 'precondition-failed' (stale If-Match, or an If-None-Exist that matches more than one),
   * 'not-found' (update/delete of an id that never existed), 'conflict' (create of an id in use).
   * Results come back in the order of the writes.
   */
  commit(writes: readonly Write[], now: Date): Promise<WriteResult[]>;

  /**
   * Recomputes the index rows (search values, sensitivity) of the next `limit` resources of a
   * reindex `job`, in one transaction that also saves where it got to: call again until
   * `finished`. Safe while the service runs; a stopped job resumes; a finished one starts over.
   */
  reindex(job: string, limit: number, now: Date): Promise<{ done: number; finished: boolean }>;

  close(): Promise<void>;
}

export interface ResourceKey {
  resourceType: string;
  id: string;
}

/** A stored resource always carries meta.versionId and meta.lastUpdated set by the store. */
export interface StoredResource {
  compartment: string;
  resourceType: string;
  id: string;
  versionId: string;
  lastUpdated: string;
  resource: Resource & { id: string; meta: { versionId: string; lastUpdated: string } };
  /**
   * The resource exactly as stored (JSON text). A reader that sends it on unchanged skips a parse
   * and a serialise; adapters may parse `resource` lazily from it.
   */
  json: string;
}

export type StoredVersion =
  | ({ deleted: false } & StoredResource)
  | { deleted: true; compartment: string; resourceType: string; id: string; versionId: string; lastUpdated: string };

/**
 * Which records a query may touch: decided by access/, enforced by the store in SQL. `compartments`
 * are whole records; each of `parts` is a share of one record: some types, without some sensitive items.
 */
export type Scope = { compartments: readonly string[]; parts?: readonly ScopePart[] } | 'everything';

export interface ScopePart {
  compartment: string;
  /** Only these types (all when absent). */
  resourceTypes?: readonly string[];
  /** Leave out items indexed with any of these sensitive categories. */
  withoutSensitive?: readonly string[];
}

export type Write =
  | {
      kind: 'create';
      /** The id is assigned by the caller (record/), so transaction Bundles can rewrite urn:uuid references first. */
      resource: Resource & { id: string };
      compartment: string;
      /** Conditional create: if exactly one resource in `scope` matches, nothing is written and it is returned. */
      ifNoneExist?: { filters: Filter[]; scope: Scope };
    }
  | {
      kind: 'update';
      resource: Resource & { id: string };
      compartment: string;
      /** The versionId the caller last saw (from If-Match W/"n"); a different current version fails. */
      ifMatch?: string;
    }
  | { kind: 'delete'; resourceType: string; id: string; ifMatch?: string; compartment?: string };

/** Why a write was allowed, carried to the audit record written with it; the store ignores it. */
export interface WriteGrounds {
  reason: string;
  grant?: string;
  /** Written because a clinician broke the glass: the audit record carries purpose BTG. */
  emergency?: boolean;
}

export type WriteResult =
  | { outcome: 'created' | 'updated' | 'existing'; stored: StoredResource }
  | { outcome: 'deleted'; resourceType: string; id: string; versionId: string; lastUpdated: string }
  /** Deleting something already deleted is not an error (FHIR delete is idempotent). */
  | { outcome: 'already-deleted'; resourceType: string; id: string };

export interface HistoryQuery {
  resourceType?: string;
  id?: string;
  scope: Scope;
  /** Only versions with lastUpdated >= since (the _since parameter). */
  since?: Date;
  count: number;
  offset: number;
}

export interface HistoryEntry {
  /** Whose record the version is in (the access decision is made per version). */
  compartment: string;
  resourceType: string;
  id: string;
  versionId: string;
  lastUpdated: string;
  /** POST for the first version, PUT for later ones, DELETE for a tombstone. */
  method: 'POST' | 'PUT' | 'DELETE';
  resource?: StoredResource['resource'];
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
}

export interface StoreSearch {
  resourceType: string;
  /** Parsed by @medplum/core's parseSearchRequest; only parameters listed by search/ as supported reach here. */
  filters: readonly Filter[];
  sort: readonly SortRule[];
  count: number;
  offset: number;
  /** Whether to count every match (for Bundle.total and _summary=count). */
  total: boolean;
  scope: Scope;
}

export interface TypeList {
  resourceType: string;
  scope: Scope;
}

export interface SearchPage {
  resources: StoredResource[];
  total?: number;
}
