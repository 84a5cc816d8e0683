import type { Consent } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { granteeReferences, grantFromConsent, grantsFor, type Grant } from '../access/grants.ts';
import { carerAccountSystem } from '../access/carer-identity.ts';
import type { Scope } from '../store/store.ts';
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
    const linked = (await deps.carerCompartments?.(actor.accountId)) ?? [];
    const records = linked.filter((id) => compartment === undefined || id === compartment);
    if (records.length === 0) return [];
    scope = { compartments: records };
  }
  const relatedPersonIds = actor.kind === 'person' ? await carerIdentities(deps, actor.accountId, scope) : [];
  const grantees = granteeReferences(actor, relatedPersonIds);
  if (grantees.length === 0) return [];
  const page = await deps.store.search({
    resourceType: 'Consent',
    filters: [
      { code: 'actor', operator: 'eq', value: grantees.join(',') },
      { code: 'status', operator: 'eq', value: 'active' },
    ],
    sort: [],
    count: grantLimit,
    offset: 0,
    total: false,
    scope,
  });
  const grants = page.resources.map((stored) => grantFromConsent(stored.resource as Consent)).filter((g): g is Grant => g !== undefined);
  // Emergency ("break glass") accesses are Consents too (purpose BTG), found by the same search.
  return grantsFor(actor, grants, deps.clock(), relatedPersonIds);
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
