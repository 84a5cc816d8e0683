import type { Bundle } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import type { IssuerKeys } from './issuer-keys.ts';
import { issueCard, revocationId, type IssuedCard } from './issue-card.ts';
import { revocationList, type RevocationList } from './revocation.ts';
import { createCardCache, type CardCache } from './card-cache.ts';
import { cardFactsOf, cardReadTypes, type CardFacts } from './card-facts.ts';

/** A card as made once for what it shows, and served again while that stays the same. */
export interface KeptCard extends IssuedCard {
  /** The card's sections of her summary, for the printout's words. */
  summary: Bundle;
  /** Names everything the card shows and how it was signed: renders of this card are kept under it. */
  cacheKey: string;
  /** When it was made (its nbf is this, in whole seconds): the printout says so. */
  issuedAt: Date;
}

export interface CardIssuer {
  /**
   * The signed card and the summary it was made from (for the printout's words). `medium`: a card
   * only shown on her phone ('screen') supersedes older ones for a scanner, but is not the printed
   * card the home page compares her record with. While nothing it shows has changed, the same card.
   */
  issue(actor: Actor, patientId: string, medium?: 'print' | 'screen'): Promise<KeptCard>;
  /** Retires every card of this person issued until now (lost or replaced); new cards verify again. */
  revokeAll(actor: Actor, patientId: string): Promise<void>;
  revocationList(kid: string): Promise<RevocationList | undefined>;
}

/**
 * $health-cards-issue: the card's part of the record comes through the record, which decides who
 * may have one signed (access/issuing.ts: the person or a carer managing her record, from a whole
 * view), then is signed. Decided and read on every request; signed once per change: a card is
 * kept (card-cache.ts) under the versions of what it shows, the signing key, its rid and the
 * latest revocation, so a change, a key rotation or a lost card each make a new one, and an
 * unchanged record gets back the very card (same JWS, same rid and nbf) it was given before.
 */
export function createCardIssuer(deps: { record: HealthRecord; keys: IssuerKeys; accounts: AccountStore; publicUrl: string; clock: () => Date; cache?: CardCache }): CardIssuer {
  const baseUrl = `${deps.publicUrl}/fhir`;
  const { accounts } = deps;
  const cache = deps.cache ?? createCardCache();
  let ridSecret: Promise<string> | undefined;
  // The secret never changes once made: read and unsealed once, not on every view.
  const secret = (): Promise<string> => (ridSecret ??= deps.keys.ridSecret().catch((err: unknown) => {
    ridSecret = undefined;
    throw err;
  }));
  const make = async (key: string, args: { patientId: string; medium: 'print' | 'screen'; facts: CardFacts; rid: string; signer: { kid: string; key: CryptoKey } }): Promise<{ value: KeptCard; bytes: number }> => {
    const { patientId, medium, facts, rid, signer } = args;
    const now = deps.clock();
    const card = await issueCard({ summary: facts.summary, iss: deps.publicUrl, now, rid, signer, baseUrl });
    // Kept so that a newer card can supersede this one, and a changed record can be told from it.
    await accounts.recordCardIssue({
      patientId, kid: signer.kid, rid, nbf: Math.floor(now.getTime() / 1000), issuedAt: now.toISOString(), contentDigest: facts.contentDigest, items: facts.items, medium,
    });
    return { value: { ...card, summary: facts.summary, cacheKey: key, issuedAt: now }, bytes: card.jws.length * 2 + 512 };
  };
  return {
    async issue(actor, patientId, medium = 'print') {
      const stored = await deps.record.partToSign(actor, patientId, cardReadTypes, '$health-cards-issue');
      const facts = await cardFactsOf({ cache, baseUrl, clock: deps.clock }, patientId, stored);
      const signer = await deps.keys.current();
      const rid = revocationId(await secret(), signer.kid, patientId);
      const revokedAt = await accounts.latestRevocation(signer.kid, rid);
      const key = `card|${baseUrl}|${medium}|${signer.kid}|${rid}|${revokedAt ?? ''}|${facts.stamp}`;
      const kept = cache.get<KeptCard>(key);
      if (kept && (await stillLatest(accounts, patientId, kept, facts.contentDigest, revokedAt))) return kept;
      if (kept) {
        const fresh = await make(key, { patientId, medium, facts, rid, signer });
        cache.set(key, fresh.value, fresh.bytes);
        return fresh.value;
      }
      return cache.getOrMake(key, () => make(key, { patientId, medium, facts, rid, signer }));
    },
    async revokeAll(actor, patientId) {
      // She, or a carer who manages her record with the whole view (access/issuing.ts).
      await deps.record.requireIssuing(actor, patientId, 'revoke-cards', '$health-cards-revoke');
      const ridSecret = await deps.keys.ridSecret();
      // Whole seconds, one past now: a card issued in this same second is retired too.
      const at = new Date((Math.floor(deps.clock().getTime() / 1000) + 1) * 1000).toISOString();
      // Under every key, retired ones included: a lost card may have been signed before a rotation.
      for (const kid of await deps.keys.kids()) await deps.accounts.addRevocation(kid, revocationId(ridSecret, kid, patientId), at);
    },
    async revocationList(kid) {
      if (!(await deps.keys.kids()).includes(kid)) return undefined;
      return revocationList(kid, await deps.accounts.listRevocations(kid));
    },
  };
}

/**
 * A kept card is given again only while it is what a scanner and her home page take as her
 * latest: not retired by a revocation (a card made in the second of a revocation is), and no card
 * of hers made since (on any instance) shows something else. Otherwise a record changed and
 * changed back would get its older card, which a newer, different card had superseded.
 */
async function stillLatest(accounts: AccountStore, patientId: string, card: KeptCard, digest: string, revokedAt: string | undefined): Promise<boolean> {
  // As a scanner reads the list (revocation.ts): retired when its nbf is before the revocation's second.
  if (revokedAt && Math.floor(card.issuedAt.getTime() / 1000) < Math.floor(Date.parse(revokedAt) / 1000)) return false;
  const later = await accounts.cardIssuesAfter(patientId, card.issuedAt.toISOString());
  return later.every((c) => c.contentDigest === digest);
}
