import type { Consent } from '@medplum/fhirtypes';
import type { Actor } from './actor.ts';
import type { Decision, Target } from './decide.ts';
import type { Grant } from './grants.ts';
import { isProxyConsent } from './carer-roles.ts';
import { claimsCarerIdentity } from './carer-identity.ts';

/**
 * Who may change who can see a record: shares and carer arrangements (Consents), carer
 * invitations, and the carer links themselves. Only the person decides, or her legal proxy (set up
 * by an administrator), who counts as the person. A carer who manages the record manages the
 * record, not her own rights nor anyone else's; she may always stop being a carer. Pure.
 */
export type RelationshipChange =
  /** Invite a carer, or cancel an invitation not yet accepted. */
  | { kind: 'invite-carer' }
  | { kind: 'see-invitations' }
  /** Accept an invitation (for oneself). `invitedTo` is the record the invitation is for, once it is found. */
  | { kind: 'accept-invitation'; invitedTo?: string }
  /** End a carer arrangement (`Consent/<id>`) in this record. */
  | { kind: 'end-arrangement'; arrangement: string };

const onlyThePerson = 'only the person or her legal proxy decides who can see her record';
const carerExplanation =
  'A carer manages the record, not who can see it: only the person (or a legal proxy) can make, change or end a share or a carer arrangement. To stop being a carer yourself, use Stop on the Carers page.';

/** The rules for invitations and arrangements, outside the FHIR API (carers/ asks here). */
export function decideRelationshipChange(actor: Actor, patientId: string, change: RelationshipChange, grants: readonly Grant[]): Decision {
  if (change.kind === 'accept-invitation') {
    if (actor.kind !== 'person') return deny('an invitation to be a carer is accepted by a person, with her own account');
    if (actor.patientId === change.invitedTo) return deny('nobody can be her own carer');
    return permit('a person accepts an invitation to be a carer');
  }
  if (actor.kind === 'person' && actor.patientId === patientId) return permit('the person’s own record');
  const proxy = proxyOf(actor, patientId, grants);
  if (proxy) return permit('legal proxy acting as the person', proxy);
  if (change.kind === 'end-arrangement' && ownArrangement(grants, patientId, change.arrangement)) {
    return permit('a carer ends her own arrangement', change.arrangement);
  }
  return deny(onlyThePerson, carerOf(grants, patientId) ? carerExplanation : undefined);
}

/**
 * Writing a Consent, or a carer's link, through the FHIR API. Undefined when these rules have
 * nothing to say and decide() goes on as usual.
 */
export function decideRelationshipWrite(actor: Actor, action: 'create' | 'update' | 'delete', target: Target, grants: readonly Grant[]): Decision | undefined {
  if (actor.kind === 'system') return undefined;
  if (target.resourceType === 'RelatedPerson' && action === 'delete' && claimsCarerIdentity(target.resource)) {
    return deny('a carer arrangement is ended through Carers, which tells everyone concerned', 'This person is linked to the record as a carer. End the arrangement on the Carers page instead.');
  }
  if (target.resourceType !== 'Consent') return undefined;
  const consent = target.resource as Consent | undefined;
  // Without the Consent (the first look, before the body is read) there is nothing to decide yet:
  // record/ always asks again with it before anything is written.
  if (!consent) return undefined;
  if (action !== 'delete' && isProxyConsent(consent) && consent.status === 'active') {
    return deny('only an administrator sets up a legal proxy', 'A legal proxy is set up by a Red Bag administrator, with the reason recorded. Ask them.');
  }
  if (actor.kind !== 'person' || actor.patientId === target.compartment) return undefined;
  // Someone else's record: a carer, or a proxy who counts as the person.
  const proxy = proxyOf(actor, target.compartment, grants);
  if (proxy) return permit('legal proxy acting as the person', proxy);
  if (consent.id && ownArrangement(grants, target.compartment, `Consent/${consent.id}`) && (action === 'delete' || consent.status !== 'active')) {
    return permit('a carer ends her own arrangement', `Consent/${consent.id}`);
  }
  if (!carerOf(grants, target.compartment)) return undefined; // no arrangement at all: decide() refuses as for any stranger
  return deny(onlyThePerson, carerExplanation);
}

/** The proxy arrangement (`Consent/<id>`) that lets this person act as the one whose record it is. */
function proxyOf(actor: Actor, patientId: string, grants: readonly Grant[]): string | undefined {
  if (actor.kind !== 'person') return undefined;
  return grants.find((g) => g.patientId === patientId && g.proxy === true && g.actions.has('manage'))?.source;
}

function carerOf(grants: readonly Grant[], patientId: string): Grant | undefined {
  return grants.find((g) => g.patientId === patientId && g.source.startsWith('Consent/'));
}

function ownArrangement(grants: readonly Grant[], patientId: string, arrangement: string): boolean {
  return grants.some((g) => g.patientId === patientId && g.source === arrangement);
}

const permit = (reason: string, grant?: string): Decision => ({ permit: true, reason, ...(grant ? { grant } : {}) });
const deny = (reason: string, explanation?: string): Decision => ({ permit: false, reason, ...(explanation ? { explanation } : {}) });
