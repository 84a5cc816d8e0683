import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Consent, Patient, RelatedPerson } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { Decision } from '../access/decide.ts';
import { decideRelationshipChange, type RelationshipChange } from '../access/relationships.ts';
import { carerAccountSystem } from '../access/carer-identity.ts';
import { isProxyConsent } from '../access/carer-roles.ts';
import { systemActor } from '../access/system-actor.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import { carerArrangement, carerRightsOf, type CarerRights } from './carer-resources.ts';
import { invitationWords } from '../notifications/notices.ts';
import { nameText } from '../fhir/human-name.ts';
import type { Notifier } from '../notifications/notifier.ts';

const invitationDays = 7;
const hashOf = (code: string): string => createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('base64url');

/** Easy to read out over the phone: 12 letters and digits without 0/O or 1/I, in groups of four. */
function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export interface CarerView {
  consent: string;
  name: string;
  rights: CarerRights;
  since?: string;
}

/**
 * Carers and proxies: a person invites a carer (a code, or a link carrying it); once the carer
 * accepts, she acts for the person with the rights the person chose; either of them can end it.
 * An admin can set up a proxy, with a reason, for someone who cannot manage her own account.
 */
export function createCarerService(deps: { record: HealthRecord; accounts: AccountStore; publicUrl: string; serviceName?: string; clock: () => Date; logger: Logger; notifier?: Pick<Notifier, 'queueEmail'> }) {
  const { record, accounts, clock, logger } = deps;

  const arrange = async (patientId: string, carerAccountId: string, rights: CarerRights, purpose: string, reason?: string, proxy = false): Promise<string> => {
    const carer = await accounts.findAccountById(carerAccountId);
    if (!carer) throw new FhirError('not-found', 'There is no such carer account.');
    const existing = await arrangementsOfCarer(carerAccountId);
    if (existing.some((a) => a.patientId === patientId)) throw new FhirError('conflict', 'This carer already acts for this person.');
    // The lookup row and the arrangement (RelatedPerson, Consent, their audit) together or neither.
    return accounts.transaction(async (tx) => {
      await tx.invitations.addCarerLink(carerAccountId, patientId);
      const outcomes = await record.transaction(systemActor(purpose), carerArrangement({ patientId, carerAccountId, carerName: carer.name, carerEmail: carer.email, rights, now: clock(), proxy, ...(reason ? { reason } : {}) }));
      const consent = outcomes[1];
      return consent?.kind === 'written' && 'stored' in consent.result ? consent.result.stored.id : '';
    });
  };

  /** The active arrangements in which this account is the carer, across every record. */
  const arrangementsOfCarer = async (accountId: string): Promise<Array<{ consent: Consent; patientId: string }>> => {
    const service = systemActor('find whom a carer acts for');
    const linked = await accounts.carerCompartments(accountId);
    if (linked.length === 0) return [];
    const people = await record.search(service, 'RelatedPerson', { identifier: `${carerAccountSystem}|${accountId}`, patient: linked.map((id) => `Patient/${id}`).join(','), _count: '500' });
    if (people.matches.length === 0) return [];
    const consents = await record.search(service, 'Consent', { actor: people.matches.map((p) => `RelatedPerson/${p.id}`).join(','), status: 'active', _count: '500' });
    return consents.matches
      .map((s) => s.resource as Consent)
      .filter((c) => carerRightsOf(c) !== undefined)
      .map((consent) => ({ consent, patientId: consent.patient!.reference!.replace('Patient/', '') }));
  };

  /** Decided in access/relationships.ts: the person or her legal proxy; a carer is told why not (403), anyone else learns nothing (404). */
  const requireAllowed = async (actor: Actor, patientId: string, change: RelationshipChange): Promise<Decision> => {
    const decision = await record.decideRelationship(actor, patientId, change);
    if (decision.permit) return decision;
    if (decision.explanation) throw new FhirError('forbidden', decision.explanation);
    throw notFound('Patient', patientId);
  };

  return {
    /** With `email`, the invitation is also sent there (queued in the outbox before the answer). */
    async invite(actor: Actor, patientId: string, rights: CarerRights, email?: string) {
      await requireAllowed(actor, patientId, { kind: 'invite-carer' });
      const code = newCode();
      const now = clock();
      const invitation = { id: randomUUID(), patientId, rights, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + invitationDays * 86_400_000).toISOString() };
      const link = `${deps.publicUrl}/carers/accept?code=${encodeURIComponent(code)}`;
      // The invitation and its email together: no code is made that was meant to be sent and was not.
      await accounts.transaction(async (tx) => {
        await tx.invitations.createInvitation({ ...invitation, codeHash: hashOf(code) });
        if (email && deps.notifier) {
          const patient = (await record.read(actor, 'Patient', patientId)).resource as Patient;
          const words = invitationWords({ personName: nameOf(patient.name), rights, link, code, expiresAt: invitation.expiresAt, serviceName: deps.serviceName ?? 'Red Bag' });
          await deps.notifier.queueEmail({ key: `carer-invitation/${invitation.id}`, to: email, ...words });
        }
      });
      logger.info({ patientId, invitationId: invitation.id, rights, emailed: Boolean(email) }, 'carer invited');
      return { ...invitation, code, link, ...(email ? { emailedTo: email } : {}) };
    },

    async accept(actor: Actor, code: string) {
      // The rule is access/'s; the kind test only tells TypeScript what the decision already said.
      if (!decideRelationshipChange(actor, '', { kind: 'accept-invitation' }, []).permit || actor.kind !== 'person') {
        throw new FhirError('forbidden', 'Sign in with your own Red Bag account to accept an invitation to be a carer.');
      }
      const invitation = await accounts.findInvitationByCode(hashOf(code));
      const now = clock();
      if (!invitation || invitation.cancelledAt || invitation.acceptedAt || invitation.expiresAt < now.toISOString()) {
        throw codeProblem('not-found', 'This invitation code does not work: it may be mistyped, used already, cancelled or more than a week old. Ask for a new one.');
      }
      if (!decideRelationshipChange(actor, invitation.patientId, { kind: 'accept-invitation', invitedTo: invitation.patientId }, []).permit) {
        throw codeProblem('bad-request', 'This is your own invitation: give the code to the person who will be your carer.');
      }
      // The code is used up only if the arrangement is made: a failure leaves it to try again.
      const consent = await accounts.transaction(async (tx) => {
        if (!(await tx.invitations.acceptInvitation(invitation.id, actor.accountId, now.toISOString()))) throw new FhirError('conflict', 'This invitation has just been used.');
        return arrange(invitation.patientId, actor.accountId, invitation.rights, 'carer accepted an invitation');
      });
      // Her name, so the carer is told whom she now helps in words, never by an id.
      const patient = (await record.read(systemActor('name the person a carer now acts for'), 'Patient', invitation.patientId)).resource as Patient;
      return { patient: `Patient/${invitation.patientId}`, name: nameOf(patient.name), rights: invitation.rights, consent: `Consent/${consent}` };
    },

    /** The person's carers (through the record, so only she and those allowed see them) and her open invitations. */
    async carersOf(actor: Actor, patientId: string): Promise<{ carers: CarerView[]; invitations: Array<{ id: string; rights: CarerRights; expiresAt: string }> }> {
      const found = await record.search(actor, 'Consent', { patient: `Patient/${patientId}`, status: 'active', _include: 'Consent:actor', _count: '500' });
      const people = new Map(found.included.filter((s) => s.resourceType === 'RelatedPerson').map((s) => [`RelatedPerson/${s.id}`, s.resource as RelatedPerson]));
      const carers = found.matches.flatMap(({ resource }) => {
        const consent = resource as Consent;
        const rights = carerRightsOf(consent);
        if (!rights) return [];
        const person = people.get(consent.provision?.actor?.[0]?.reference?.reference ?? '');
        return [{ consent: `Consent/${consent.id}`, name: nameOf(person?.name), rights, ...(consent.dateTime ? { since: consent.dateTime } : {}) }];
      });
      const invitations = (await record.decideRelationship(actor, patientId, { kind: 'see-invitations' })).permit
        ? (await accounts.listInvitations(patientId)).filter((i) => !i.acceptedAt && !i.cancelledAt && i.expiresAt > clock().toISOString()).map((i) => ({ id: i.id, rights: i.rights, expiresAt: i.expiresAt }))
        : [];
      return { carers, invitations };
    },

    /** Whom this person acts for, with which rights: for choosing whose record to manage. */
    async caringFor(actor: Actor) {
      if (actor.kind !== 'person') return [];
      const arrangements = await arrangementsOfCarer(actor.accountId);
      return Promise.all(
        arrangements.map(async ({ consent, patientId }) => {
          const patient = (await record.read(systemActor('name the person a carer acts for'), 'Patient', patientId)).resource as Patient;
          // proxy: she counts as the person, so the portal offers her sharing and carers too.
          return { patient: `Patient/${patientId}`, name: nameOf(patient.name), rights: carerRightsOf(consent)!, proxy: isProxyConsent(consent), consent: `Consent/${consent.id}` };
        }),
      );
    },

    /** Either of them ends it: the person in her record, or the carer named in it. */
    async end(actor: Actor, consentId: string): Promise<void> {
      const service = systemActor('carer arrangement ended');
      let consent: Consent;
      try {
        consent = (await record.read(service, 'Consent', consentId)).resource as Consent;
      } catch {
        throw notFound('Consent', consentId);
      }
      const patientId = consent.patient?.reference?.replace('Patient/', '') ?? '';
      if (!carerRightsOf(consent) || consent.status !== 'active') throw notFound('Consent', consentId);
      const decision = await record.decideRelationship(actor, patientId, { kind: 'end-arrangement', arrangement: `Consent/${consentId}` });
      if (!decision.permit) {
        if (decision.explanation) throw new FhirError('forbidden', decision.explanation);
        throw notFound('Consent', consentId);
      }
      // A carer ending her own arrangement may not otherwise write Consents: the service does it for her.
      const ownEnd = decision.grant === `Consent/${consentId}`;
      await record.update(ownEnd ? service : actor, 'Consent', consentId, { ...consent, status: 'inactive' });
    },

    async cancelInvitation(actor: Actor, patientId: string, invitationId: string): Promise<void> {
      await requireAllowed(actor, patientId, { kind: 'invite-carer' });
      await accounts.cancelInvitation(invitationId, patientId, clock().toISOString());
    },

    /** An admin sets up a proxy for someone who cannot manage her own account, with the reason recorded. */
    async setUpProxy(patientId: string, carerEmail: string, rights: CarerRights, reason: string): Promise<string> {
      const carer = await accounts.findAccountByEmail(carerEmail);
      if (!carer || carer.kind !== 'person') {
        const text = 'There is no person’s account with this email address: the proxy needs a Red Bag account first.';
        throw new FhirError('invalid', text, [{ severity: 'error', code: 'not-found', expression: ['carer'], details: { text } }]);
      }
      try {
        await record.read(systemActor('check proxy patient'), 'Patient', patientId);
      } catch {
        const text = `There is no person with Patient/${patientId}.`;
        throw new FhirError('invalid', text, [{ severity: 'error', code: 'not-found', expression: ['patient'], details: { text } }]);
      }
      const consent = await arrange(patientId, carer.id, rights, `admin set up a proxy: ${reason}`, reason, true);
      logger.info({ patientId, consent }, 'proxy set up by an admin');
      return consent;
    },
  };
}

export type CarerService = ReturnType<typeof createCarerService>;

/** A problem with the invitation code, named by its field so the form shows it beside the box. */
const codeProblem = (code: 'not-found' | 'bad-request', text: string): FhirError =>
  new FhirError(code, text, [{ severity: 'error', code: code === 'not-found' ? 'not-found' : 'invalid', expression: ['code'], details: { text } }]);

const nameOf = (names: Parameters<typeof nameText>[0]): string => nameText(names) ?? 'Someone';
