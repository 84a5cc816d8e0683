import { randomUUID } from 'node:crypto';
import type { Consent, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { carerAccountSystem } from '../access/carer-identity.ts';
import { grantFromConsent, inForce } from '../access/grants.ts';
import { compareShares } from '../access/share-change.ts';
import type { ConsentChange } from '../record/deps.ts';
import { carerRightsOf } from '../carers/carer-resources.ts';
import { systemActor } from '../access/system-actor.ts';
import { emergencyAccessOf, emergencyMinutes, type EmergencyAccess } from '../access/emergency-access.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import { nameOfReference } from './names.ts';
import { nameText } from '../fhir/human-name.ts';
import { addedThingOf, noticeWords, type Audience, type Notice } from './notices.ts';
import { createdNoticeRecoveryHours, dueForExpiryWarning, expiryWarningDays, noticeKeys, shareFacts } from './share-events.ts';

interface Recipient {
  accountId: string;
  email: string;
  audience: Audience;
}

const service = systemActor('tell a person what happened to her record');
/** Keys known to be done, so a professional's every read does not ask the database again. */
const rememberedKeys = 10_000;

/**
 * Tells the person and her carers when a share is made, used for the first time, about to end, or
 * when her record is opened in an emergency: a notification in the portal for each of their
 * accounts, and an email queued in the outbox (sent by outbox-dispatcher.ts). Each notice is given
 * once, and a notice interrupted half way is given again (by the next use, or by the sweep).
 * A notice never fails the request that caused it: the failure is logged and the sweep retries.
 */
export function createNotifier(deps: { record: HealthRecord; accounts: AccountStore; clock: () => Date; logger: Logger; serviceName: string; publicUrl: string; onQueued?: () => void }) {
  const { record, accounts, logger } = deps;
  const done = new Set<string>();
  const remember = (key: string): void => {
    if (done.size >= rememberedKeys) done.clear();
    done.add(key);
  };

  const give = async (key: string, patientId: string, notice: Notice, at: Date): Promise<void> => {
    if (done.has(key)) return;
    if (await accounts.isNoticeDone(key)) return remember(key);
    const recipients = await recipientsOf(patientId);
    const createdAt = at.toISOString();
    const links = { serviceName: deps.serviceName, signInUrl: `${deps.publicUrl}/sign-in` };
    const worded = recipients.map((r) => ({ ...r, words: noticeWords(notice, r.audience, links) }));
    const queuedAt = deps.clock().toISOString(); // due now, whenever the event it tells of happened
    // The portal messages, the emails and "given" together. Given while a change is being stored,
    // it is part of that change's transaction (a savepoint of it: a notice that fails is left to
    // the sweep and does not undo the change).
    await accounts.transaction(async (tx) => {
      await tx.notifications.addNotifications(worded.map((r) => ({ id: randomUUID(), noticeKey: key, accountId: r.accountId, patientId, kind: notice.kind, text: r.words.text, createdAt })));
      await tx.notifications.enqueueMessages(worded.map((r) => ({ id: randomUUID(), noticeKey: key, recipient: r.email, subject: r.words.subject, body: r.words.body, createdAt: queuedAt, nextAttemptAt: queuedAt })));
      await tx.notifications.markNoticeDone(key, patientId, createdAt);
    });
    remember(key);
    logger.info({ notice: notice.kind, patientId, recipients: recipients.length }, 'notice given');
    if (recipients.length > 0) deps.onQueued?.();
  };

  /** The person's own account(s), and every carer whose arrangement is in force, each with her account's email. */
  const recipientsOf = async (patientId: string): Promise<Recipient[]> => {
    const own: Recipient[] = (await accounts.personAccountsOf(patientId)).map((a) => ({ accountId: a.id, email: a.email, audience: { kind: 'person' } }));
    const found = await record.search(service, 'Consent', { patient: `Patient/${patientId}`, status: 'active', _include: 'Consent:actor', _count: '500' });
    const carerPeople = new Map(found.included.filter((s) => s.resourceType === 'RelatedPerson').map((s) => [`RelatedPerson/${s.id}`, s.resource as RelatedPerson]));
    const now = deps.clock();
    const carerAccountIds = found.matches
      .map((s) => s.resource as Consent)
      .filter((consent) => {
        const grant = grantFromConsent(consent);
        return carerRightsOf(consent) !== undefined && grant !== undefined && inForce(grant, now);
      })
      .map((consent) => carerPeople.get(consent.provision?.actor?.[0]?.reference?.reference ?? '')?.identifier?.find((i) => i.system === carerAccountSystem)?.value)
      .filter((id): id is string => typeof id === 'string');
    if (carerAccountIds.length === 0) return own;
    const patient = (await record.read(service, 'Patient', patientId)).resource as Patient;
    const personNameText = nameText(patient.name) ?? 'the person you care for';
    const carers = await Promise.all([...new Set(carerAccountIds)].map((id) => accounts.findAccountById(id)));
    return [
      ...own,
      ...carers
        .filter((a) => a !== undefined && !a.disabledAt && !own.some((o) => o.accountId === a.id))
        .map((a) => ({ accountId: a!.id, email: a!.email, audience: { kind: 'carer' as const, personName: personNameText } })),
    ];
  };

  const safely = async (what: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      // No record content here: only what failed. The sweep (or the next use) gives the notice again.
      logger.warn({ notice: what, error: (err as Error).message }, 'notice not given yet');
    }
  };

  const consentWritten = async (consent: Consent): Promise<void> => {
    const emergency = emergencyAccessOf(consent);
    if (emergency) return emergencyOpened(emergency);
    const share = shareFacts(consent);
    if (!share) return;
    const grantee = await nameOfReference(record, share.grantee);
    if (share.carer) {
      await give(noticeKeys.carerAdded(share.id), share.patientId, { kind: 'carer-added', carer: grantee, rights: share.carer }, deps.clock());
    } else {
      await give(noticeKeys.created(share.id), share.patientId, { kind: 'share-created', grantee, resourceTypes: share.resourceTypes, until: share.end }, deps.clock());
    }
  };

  /**
   * Every change of who can see what: a new share or carer is told as before (once per share);
   * any later change — widened, narrowed, ended, made again, deleted — once per version.
   */
  const consentChanged = async ({ before, after, version }: ConsentChange): Promise<void> => {
    const change = compareShares(before, after);
    const consent = after ?? before;
    if (!change || !consent?.id) return;
    if (change.kind === 'made' && !before) return consentWritten(after!);
    const patientId = /^Patient\/(.+)$/.exec(consent.patient?.reference ?? '')?.[1];
    if (!patientId) return;
    const references = [change.grantee, ...change.wider.grantees, ...change.narrower.grantees];
    const names = Object.fromEntries(await Promise.all(references.map(async (r) => [r, await nameOfReference(record, r)] as const)));
    await give(noticeKeys.changed(consent.id, version), patientId, { kind: 'share-changed', change, names }, deps.clock());
  };

  const emergencyOpened = async (access: EmergencyAccess): Promise<void> => {
    const key = noticeKeys.emergency(access.id);
    if (done.has(key)) return;
    const who = await nameOfReference(record, `PractitionerRole/${access.practitionerRoleId}`);
    const [person, organisation] = /^(.*) \((.*)\)$/.exec(who)?.slice(1) ?? [who, 'an emergency service'];
    await give(key, access.patientId, { kind: 'emergency-access', who: person!, organisation: organisation!, at: access.startsAt, reason: access.reason, minutes: emergencyMinutes }, new Date(access.startsAt));
  };

  /** Active shares matching these search parameters, across every record, page by page. */
  const activeConsents = async (query: Record<string, string | string[]>): Promise<Array<NonNullable<ReturnType<typeof shareFacts>> & { consent: Consent }>> => {
    const found: Array<NonNullable<ReturnType<typeof shareFacts>> & { consent: Consent }> = [];
    const pageSize = 200;
    for (let offset = 0; ; offset += pageSize) {
      const page = await record.search(service, 'Consent', { ...query, status: 'active', _count: String(pageSize), _offset: String(offset), _sort: '_id' });
      for (const stored of page.matches) {
        const consent = stored.resource as Consent;
        const share = shareFacts(consent);
        if (share) found.push({ ...share, consent });
      }
      if (page.matches.length < pageSize) return found;
    }
  };

  /** Emergency accesses (Consents with purpose BTG) opened since then, across every record. */
  const emergenciesSince = async (since: string): Promise<EmergencyAccess[]> => {
    const found: EmergencyAccess[] = [];
    const pageSize = 200;
    for (let offset = 0; ; offset += pageSize) {
      const page = await record.search(service, 'Consent', { date: `ge${since}`, _count: String(pageSize), _offset: String(offset), _sort: '_id' });
      for (const stored of page.matches) {
        const access = emergencyAccessOf(stored.resource as Consent);
        if (access) found.push(access);
      }
      if (page.matches.length < pageSize) return found;
    }
  };

  return {
    /** After a Consent is stored or deleted: "now shared" (or "now a carer"), or what changed. */
    consentChanged: (change: ConsentChange) => safely('share changed', () => consentChanged(change)),

    /** After someone other than the person read or wrote through a share: the first time, she is told. */
    grantUsed: (patientId: string, grant: string, actor: Actor) =>
      safely('share first used', async () => {
        const consentId = /^Consent\/(.+)$/.exec(grant)?.[1];
        if (!consentId || actor.kind === 'person' || done.has(noticeKeys.firstUsed(consentId))) return;
        if (await accounts.isNoticeDone(noticeKeys.firstUsed(consentId))) return remember(noticeKeys.firstUsed(consentId));
        const share = shareFacts((await record.read(service, 'Consent', consentId)).resource as Consent);
        if (!share || share.carer || share.patientId !== patientId) return;
        const now = deps.clock();
        await give(noticeKeys.firstUsed(consentId), patientId, { kind: 'share-first-used', grantee: await nameOfReference(record, share.grantee), at: now.toISOString() }, now);
      }),

    emergencyOpened: (access: EmergencyAccess) => safely('emergency access', () => emergencyOpened(access)),

    /** A professional added a visit note, a concern, a discharge summary or a proposed plan: the person and her carers are told. */
    addedByProfessional: (patientId: string, resource: Resource, actor: Actor) =>
      safely('added by a professional', async () => {
        const what = addedThingOf(resource);
        if (!what || actor.kind !== 'professional' || !resource.id) return;
        const who = await nameOfReference(record, `PractitionerRole/${actor.practitionerRoleId}`);
        await give(`added/${resource.resourceType}/${resource.id}`, patientId, { kind: 'added-by-professional', who, what }, deps.clock());
      }),

    /** An email to someone who may not have an account yet (a carer invitation): straight to the outbox, once per key. */
    async queueEmail(message: { key: string; to: string; subject: string; body: string }): Promise<void> {
      const at = deps.clock().toISOString();
      await accounts.enqueueMessages([{ id: randomUUID(), noticeKey: message.key, recipient: message.to, subject: message.subject, body: message.body, createdAt: at, nextAttemptAt: at }]);
      deps.onQueued?.();
    },

    /**
     * Run every few minutes: warns of shares about to end, and gives again any "now shared" or
     * emergency notice that an interruption left out. Only the Consents that can need a notice are
     * read (ending soon, or made lately), not every share there is. Returns how many it looked at.
     */
    async sweep(now: Date = deps.clock()): Promise<number> {
      const day = 86_400_000;
      const since = new Date(now.getTime() - createdNoticeRecoveryHours * 3_600_000).toISOString();
      // A little wider than the warning window: date-only ends last all day; dueForExpiryWarning decides.
      const endingSoon = await activeConsents({ period: [`gt${new Date(now.getTime() - day).toISOString()}`, `eb${new Date(now.getTime() + (expiryWarningDays + 1) * day).toISOString()}`] });
      for (const share of endingSoon) {
        if (!dueForExpiryWarning(share, now)) continue;
        await safely('share about to end', async () =>
          give(noticeKeys.expiring(share.id, share.end), share.patientId, { kind: 'share-expiring', grantee: await nameOfReference(record, share.grantee), until: share.end }, now),
        );
      }
      const madeLately = await activeConsents({ date: `ge${since}` });
      for (const share of madeLately) await safely('share made', () => consentWritten(share.consent));
      for (const access of await emergenciesSince(since)) await safely('emergency access', () => emergencyOpened(access));
      return endingSoon.length + madeLately.length;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
