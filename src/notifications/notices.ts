import { dataClassesOf } from '../access/data-classes.ts';
import type { ShareChange } from '../access/share-change.ts';
import { shareChangeWords } from './share-change-words.ts';
import { londonDay, londonTime } from '../text/london-clock.ts';

/**
 * What a person (and her carers) are told, and in which words. Pure: the notifier finds the facts
 * and the recipients; this file only says things. The portal gets the whole sentence; an email,
 * which may be read by anyone who sees her inbox, says who and when but never what is in her
 * record or a clinician's reason: for that she signs in.
 */
export type Notice =
  | { kind: 'share-created'; grantee: string; resourceTypes: readonly string[]; until: string }
  | { kind: 'share-first-used'; grantee: string; at: string }
  | { kind: 'share-expiring'; grantee: string; until: string }
  | { kind: 'carer-added'; carer: string; rights: 'view' | 'manage' }
  | { kind: 'emergency-access'; who: string; organisation: string; at: string; reason: string; minutes: number }
  | { kind: 'added-by-professional'; who: string; what: AddedThing }
  /** Who can see what changed: a share or carer arrangement ended, made again, widened or narrowed. `names`: reference → name. */
  | { kind: 'share-changed'; change: ShareChange; names: Readonly<Record<string, string>> };

/** What professionals may add to someone's record. */
export type AddedThing = 'visit-note' | 'concern' | 'discharge-summary' | 'plan-proposal';

export type NoticeKind = Notice['kind'];

/** Whom a notice is for: the person herself, or a carer who acts for her (named). */
export type Audience = { kind: 'person' } | { kind: 'carer'; personName: string };

export interface NoticeWords {
  /** Shown in the portal. */
  text: string;
  subject: string;
  /** The email's plain text; ends with where to sign in. */
  body: string;
}

/** Far-off ends mean "until either of us ends it" (carer arrangements, open-ended shares). */
const openEndedFrom = '9000';

export function noticeWords(notice: Notice, audience: Audience, links: { serviceName: string; signInUrl: string }): NoticeWords {
  const record = audience.kind === 'person' ? 'your record' : `${audience.personName}’s record`;
  const Record = audience.kind === 'person' ? 'Your record' : `${audience.personName}’s record`;
  const words = (text: string, subject: string, emailText: string): NoticeWords => ({
    text,
    subject: `${links.serviceName}: ${subject}`,
    body: `${emailText}\n\nSign in to ${links.serviceName} to see more or to change it: ${links.signInUrl}\n\nYou get this email because you have a ${links.serviceName} account${audience.kind === 'carer' ? ` and act as a carer for ${audience.personName}` : ''}.\n`,
  });
  switch (notice.kind) {
    case 'share-created': {
      const what = dataClassesOf(notice.resourceTypes).map((c) => c.label.toLowerCase());
      const until = untilWords(notice.until);
      return words(
        what.length
          ? `${notice.grantee} can now see these parts of ${record}, ${until}: ${what.join('; ')}.`
          : `${notice.grantee} can now see the name and date of birth in ${record}, ${until}.`,
        `${record} is now shared`,
        `${notice.grantee} can now see parts of ${record}, ${until}.`,
      );
    }
    case 'share-first-used':
      return words(
        `${notice.grantee} looked at ${record} for the first time on ${dateWords(notice.at)}, through the share ${audience.kind === 'person' ? 'you' : audience.personName} made.`,
        `${notice.grantee} has looked at ${record}`,
        `${notice.grantee} looked at ${record} for the first time on ${dateWords(notice.at)}.`,
      );
    case 'share-expiring':
      return words(
        `The share with ${notice.grantee} ends on ${dateWords(notice.until)}. If they still need to see ${record}, make a new share.`,
        `a share ends on ${dateWords(notice.until)}`,
        `The share of ${record} with ${notice.grantee} ends on ${dateWords(notice.until)}.`,
      );
    case 'carer-added': {
      const can = notice.rights === 'manage' ? 'see and change' : 'see';
      return words(
        `${notice.carer} is now a carer and can ${can} ${record}. Either of you can end this at any time.`,
        `${notice.carer} is now a carer`,
        `${notice.carer} is now a carer and can ${can} ${record}.`,
      );
    }
    case 'added-by-professional': {
      const [text, subject] = addedWords[notice.what](record);
      return words(`${notice.who} ${text}`, `${notice.who} ${subject}`, `${notice.who} ${text}`);
    }
    case 'share-changed': {
      const said = shareChangeWords(notice.change, (reference) => notice.names[reference] ?? 'someone', record, dateWords);
      return words(said.text, said.subject, said.email);
    }
    case 'emergency-access':
      return words(
        `On ${dateWords(notice.at)} at ${timeWords(notice.at)}, ${notice.who} (${notice.organisation}) opened ${record} in an emergency, without asking first. The reason they gave: “${notice.reason}”. This access ends after ${notice.minutes} minutes. If this was not expected, tell us.`,
        `${record} was opened in an emergency`,
        `${Record} was opened in an emergency on ${dateWords(notice.at)} at ${timeWords(notice.at)} by ${notice.who} (${notice.organisation}). Sign in to see the reason they gave.`,
      );
  }
}

/** [sentence, email subject] after the professional's name; what they wrote stays in the record, for those who may read it. */
const addedWords: Record<AddedThing, (record: string) => [string, string]> = {
  'visit-note': (record) => [`added a visit note to ${record}.`, 'added a visit note'],
  concern: (record) => [`raised a concern in ${record}.`, 'raised a concern'],
  'discharge-summary': (record) => [`added a discharge summary to ${record}: what happened, changes to medicines, and what comes next.`, 'added a discharge summary'],
  'plan-proposal': (record) => [`proposed a change to the support plan in ${record}. Look at it, then accept or decline it.`, 'proposed a change to the support plan'],
};

/** Which professional additions people are told about. Pure. */
export function addedThingOf(resource: { resourceType: string; intent?: unknown }): AddedThing | undefined {
  switch (resource.resourceType) {
    case 'Communication':
      return 'visit-note';
    case 'Flag':
      return 'concern';
    case 'Composition':
      return 'discharge-summary';
    case 'CarePlan':
      return resource.intent === 'proposal' ? 'plan-proposal' : undefined;
    default:
      return undefined;
  }
}

function untilWords(end: string): string {
  return end >= openEndedFrom ? 'until it is ended' : `until ${dateWords(end)}`;
}

export function dateWords(iso: string): string {
  return londonDay(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

function timeWords(iso: string): string {
  return londonTime(new Date(iso));
}

/** The email that carries a carer invitation to someone the person names; it may be read by anyone who sees that inbox, so it says no more than who asks. Pure. */
export function invitationWords(args: { personName: string; rights: 'view' | 'manage'; link: string; code: string; expiresAt: string; serviceName: string }): { subject: string; body: string } {
  const can = args.rights === 'manage' ? 'see and change' : 'see';
  return {
    subject: `${args.serviceName}: ${args.personName} asks you to be a carer`,
    body: `${args.personName} would like you to be a carer in ${args.serviceName}: you would be able to ${can} their health and care record for them.\n\nTo accept, open this link and sign in (or create an account): ${args.link}\n\nOr sign in and enter this code on the Carers page: ${args.code}\n\nThe invitation works once, until ${dateWords(args.expiresAt)}. If you do not know ${args.personName}, you can ignore this email.\n`,
  };
}
