import type { Actor } from '../access/actor.ts';
import { systemActor } from '../access/system-actor.ts';
import { dateWords } from '../notifications/notices.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import type { CardIssue } from '../store/port.ts';
import { cardChanges, outOfDateWords, type CardChange } from './card-changes.ts';
import { createCardCache, type CardCache } from './card-cache.ts';
import { cardFactsOf, cardReadTypes, type CardFacts } from './card-facts.ts';

/** For the portal: is her printed card still what her record says? */
export interface CardStatus {
  state: 'none' | 'current' | 'out-of-date' | 'lost';
  /** When her latest card was made, and when it was reported lost (if it was). */
  madeAt?: string;
  lostAt?: string;
  changes: CardChange[];
  /** The same in plain words, for the home page. */
  message: string;
}

/**
 * For a scanner, about one card. Public, so it says no more than whether newer information exists
 * and since when: a newer card with other contents ('newer-card'), or a record that has changed
 * since in what the card shows ('record-changed').
 */
export type PublicCardStatus =
  | { status: 'current' }
  | { status: 'superseded'; newerSince: string; reason: 'newer-card' | 'record-changed' }
  | { status: 'unknown' };

/**
 * Whether a card is current. A newer card with other contents supersedes the older ones (an
 * amber "newer information since …" on a scanner, not the black REVOKED of a lost card); and a
 * record that changed in what the card shows makes the latest card out of date, which the person
 * and her carers are told on the home page.
 */
export function createCardCurrency(deps: { record: HealthRecord; accounts: AccountStore; publicUrl: string; cache?: CardCache; clock?: () => Date }) {
  const { accounts } = deps;
  const factDeps = { cache: deps.cache ?? createCardCache(), baseUrl: `${deps.publicUrl}/fhir`, clock: deps.clock ?? (() => new Date()) };
  // Only the card's part of her record, and what a card shows worked out once per change of it.
  const factsFor = async (actor: Actor, patientId: string): Promise<CardFacts> => cardFactsOf(factDeps, patientId, await deps.record.partOf(actor, patientId, cardReadTypes, '$summary'));
  return {
    async status(actor: Actor, patientId: string): Promise<CardStatus> {
      // Through the record: the caller must be allowed to read her summary at all.
      const facts = await factsFor(actor, patientId);
      const latest = await accounts.latestPrintedCard(patientId);
      if (!latest) return { state: 'none', changes: [], message: 'No Red Bag card has been printed yet. Print one for the red bag by the door.' };
      const madeOn = dateWords(latest.issuedAt);
      const lostAt = await accounts.latestRevocation(latest.kid, latest.rid);
      if (lostAt && latest.nbf < Date.parse(lostAt) / 1000) {
        return { state: 'lost', madeAt: latest.issuedAt, lostAt, changes: [], message: `The Red Bag card was reported lost on ${dateWords(lostAt)}: scanners show it as revoked. Print a new one.` };
      }
      const changes = cardChanges(latest.items, facts.items);
      if (changes.length === 0) return { state: 'current', madeAt: latest.issuedAt, changes, message: `The printed Red Bag, made on ${madeOn}, shows what the record says now.` };
      return { state: 'out-of-date', madeAt: latest.issuedAt, changes, message: outOfDateWords(madeOn, changes) };
    },

    async publicStatus(rid: string, nbf: number): Promise<PublicCardStatus> {
      const card = await accounts.findCardIssue(rid, nbf);
      if (!card) return { status: 'unknown' };
      const later = await accounts.cardIssuesAfter(card.patientId, card.issuedAt);
      const newer = later.find((c) => c.contentDigest !== card.contentDigest);
      // The service compares for itself (nothing leaves but a date), so a card she never replaced
      // after adding an allergy is not shown to a crew as current.
      const facts = await factsFor(systemActor('checking whether a scanned Red Bag card is current'), card.patientId);
      const changed = firstChangeSince(card, facts);
      if (!newer && !changed) return { status: 'current' };
      const since = [newer?.issuedAt, changed].filter((t): t is string => t !== undefined).sort()[0]!;
      return { status: 'superseded', newerSince: since, reason: newer ? 'newer-card' : 'record-changed' };
    },
  };
}

export type CardCurrency = ReturnType<typeof createCardCurrency>;

/**
 * When the record first differed from what the card shows: the earliest save of an item added or
 * changed since the card was made; the card's own time when items were only removed (a removal
 * leaves no date in the summary). Undefined when the card still shows what the record says.
 */
function firstChangeSince(card: CardIssue, facts: CardFacts): string | undefined {
  const { items: now, summary } = facts;
  if (cardChanges(card.items, now).length === 0) return undefined;
  const onCard = new Map(card.items.map((i) => [i.key, i.digest]));
  const differing = new Set(now.filter((i) => onCard.get(i.key) !== i.digest).map((i) => i.key));
  const saved = (summary.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r !== undefined && differing.has(`${r.resourceType}/${r.id}`))
    .map((r) => r!.meta?.lastUpdated)
    .filter((t): t is string => t !== undefined && t > card.issuedAt)
    .sort();
  return saved[0] ?? card.issuedAt;
}
