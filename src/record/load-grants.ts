import type { Consent } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { granteeReferences, grantFromConsent, grantsFor, type Grant } from '../access/grants.ts';
import { carerAccountSystem } from '../access/carer-identity.ts';
import { consentProblems } from '../access/consent-rules.ts';
import { Operator, type Filter } from '@medplum/core';
import type { Scope, StoredResource } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';

/** A person has a few shares, an organisation some thousands at most; the bound only stops a runaway. */
const grantLimit = 10_000;

/**
 * The shares in force for this caller, read from the Consents in the store on every request: there
 * is no cache, so a share revoked or expired a moment ago no longer counts. With `compartment`,
 * only shares of that one record are read.
 */
export async function loadGrants(deps: RecordDeps, actor: Actor, compartment?: string): Promise<Grant[]> {
  if (actor.kind === 'person' && compartment === actor.patientId) return [];
  if (actor.kind !== 'person' && actor.kind !== 'professional' && actor.kind !== 'client') return [];
  let scope: Scope = compartment === undefined ? 'everything' : { compartments: [compartment] };
  if (actor.kind === 'person') {
    // A person's grants can only be carer arrangements in the records she is linked to: look there only.
    const linked = actor.caresFor ?? (await deps.carerCompartments?.(actor.accountId)) ?? [];
    const records = linked.filter((id) => compartment === undefined || id === compartment);
    if (records.length === 0) return [];
    scope = { compartments: records };
  }
  const relatedPersonIds = actor.kind === 'person' ? await carerIdentities(deps, actor.accountId, scope) : [];
  const grantees = granteeReferences(actor, relatedPersonIds);
  if (grantees.length === 0) return [];
  const inForce = await consentsInForce(deps, grantees, scope, actor.kind !== 'person');
  const grants = inForce.map((stored) => grantOf(deps, stored.resource as Consent)).filter((g): g is Grant => g !== undefined);
  // Emergency ("break glass") accesses are Consents too (purpose BTG), found by the same search.
  return grantsFor(actor, grants, deps.clock(), relatedPersonIds);
}

/**
 * The active Consents naming these grantees. Across every record (a professional's or a hospital
 * system's lookup), only those whose period has not ended are read, found through the date index,
 * so shares that ended long ago, however many, cost nothing; a share with no end is read too. Within
 * one record, one search: two date-filtered ones cost more than the handful of shares they leave out.
 */
async function consentsInForce(deps: RecordDeps, grantees: readonly string[], scope: Scope, acrossRecords: boolean): Promise<StoredResource[]> {
  const base: Filter[] = [
    { code: 'actor', operator: Operator.EQUALS, value: grantees.join(',') },
    { code: 'status', operator: Operator.EQUALS, value: 'active' },
  ];
  const search = async (filters: Filter[]): Promise<StoredResource[]> =>
    (await deps.store.search({ resourceType: 'Consent', filters, sort: [], count: grantLimit, offset: 0, total: false, scope })).resources;
  // In one record (a read, a search there) its few shares are all read and grantsFor keeps those in force.
  if (!acrossRecords || scope !== 'everything') return search(base);
  const now = deps.clock().toISOString();
  const [ending, open] = await Promise.all([
    search([...base, { code: 'period', operator: Operator.GREATER_THAN_OR_EQUALS, value: now }]),
    search([...base, { code: 'period', operator: Operator.MISSING, value: 'true' }]),
  ]);
  return [...ending, ...open];
}

/**
 * Total: a share that cannot be read (a date no parser takes, a rule we do not enforce, stored
 * before such Consents were refused or put there around the API) grants nothing, is logged by id,
 * and never fails the request of whoever happened to load it.
 */
function grantOf(deps: RecordDeps, consent: Consent): Grant | undefined {
  try {
    const grant = grantFromConsent(consent);
    if (!grant) {
      const problems = consentProblems(consent);
      if (problems.length > 0) deps.logger?.warn({ consent: consent.id, problems: problems.map((p) => p.expression?.[0]) }, 'a stored share grants nothing: it says what Red Bag does not enforce');
    }
    return grant;
  } catch (err) {
    deps.logger?.warn({ consent: consent.id, error: (err as Error).name }, 'a stored share grants nothing: it could not be read');
    return undefined;
  }
}

/** The RelatedPersons that record this account as someone's carer (made only when an invitation is accepted). */
async function carerIdentities(deps: RecordDeps, accountId: string, scope: Scope): Promise<string[]> {
  const page = await deps.store.search({
    resourceType: 'RelatedPerson',
    filters: [{ code: 'identifier', operator: 'eq', value: `${carerAccountSystem}|${accountId}` }],
    sort: [],
    count: grantLimit,
    offset: 0,
    total: false,
    scope,
  });
  return page.resources.map((r) => r.id);
}
