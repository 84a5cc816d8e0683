import type { Actor } from '../access/actor.ts';
import { FhirError } from '../fhir/errors.ts';
import type { StoredHealthLink, UnitOfWork } from '../store/port.ts';
import type { CardIssuer } from './card-issuer.ts';
import { encodeHealthLink } from './health-link.ts';
import type { HealthLinkService } from './health-link-service.ts';
import { ukDateOf } from './uk-date.ts';

/** Every printout link's label starts so: it is how the person tells it apart in her list of links. */
export const printoutLinkLabel = 'Printed Red Bag';
/**
 * A year: the paper stays on the fridge or in the wallet for months, and a crew must be able to
 * open the link without calling anyone. What it serves is rebuilt from her record at every
 * opening, so a long life does not mean stale content; she can revoke it from her links at any time.
 */
export const printoutLinkDays = 365;
/** A printout made later reuses the link only while this much is left, so no new printout's link dies within 9 months. */
export const printoutLinkReuseDays = 270;
const day = 86_400_000;

export interface PrintoutLink {
  /** `shlink:/…`, as the SMART Health Links specification writes it. */
  shlink: string;
  /** What the QR code holds: our scanner's address with the link after `#`, so any phone camera opens it. */
  viewerUrl: string;
  expiresAt: Date;
}

/**
 * The SMART Health Link printed beside the card's code. One printout link per person at a time:
 * printing again reuses it while it has most of its life left (no new door to her record on every
 * print), and reporting the card lost or replaced revokes it with the card. No passcode: a
 * passcode printed next to the code protects nothing, and a crew at the roadside cannot ring her
 * for one. Every opening is logged in her list of links, where she can also revoke it.
 */
export function createPrintoutLinks(deps: { links: HealthLinkService; publicUrl: string; clock: () => Date }) {
  const isPrintoutLink = (link: StoredHealthLink): boolean => link.label.startsWith(printoutLinkLabel) && link.passcodeHash === undefined && link.revokedAt === undefined;
  /** The links she may manage, or undefined when this caller may print her card but not make links for her. */
  const manageable = async (actor: Actor, patientId: string): Promise<StoredHealthLink[] | undefined> => {
    try {
      return await deps.links.stored(actor, patientId);
    } catch (err) {
      if (err instanceof FhirError && err.code === 'not-found') return undefined;
      throw err;
    }
  };
  const toPrintoutLink = (shlink: string, expiresAt: Date): PrintoutLink => ({ shlink, viewerUrl: `${deps.publicUrl}/scan#${shlink}`, expiresAt });

  return {
    /** The link to print: the current one while it has long enough left, else a new one. */
    async current(actor: Actor, patientId: string): Promise<PrintoutLink | undefined> {
      const links = await manageable(actor, patientId);
      if (!links) return undefined;
      const reuseUntil = deps.clock().getTime() + printoutLinkReuseDays * day;
      const stored = links.filter((link) => isPrintoutLink(link) && new Date(link.expiresAt).getTime() > reuseUntil).at(-1);
      if (stored) {
        const expiresAt = new Date(stored.expiresAt);
        const url = `${deps.publicUrl}/shl/${stored.id}`;
        return toPrintoutLink(encodeHealthLink({ url, key: stored.key, exp: Math.floor(expiresAt.getTime() / 1000), flag: 'L', label: stored.label, v: 1 }), expiresAt);
      }
      const now = deps.clock();
      const expiresAt = new Date(now.getTime() + printoutLinkDays * day);
      const made = await deps.links.create(actor, patientId, { label: `${printoutLinkLabel}, ${ukDateOf(now)}`, expiresAt });
      return toPrintoutLink(made.shlink, expiresAt);
    },

    /** With the card: a lost wallet must not keep a working link to her whole Red Bag. */
    async revokeAll(actor: Actor, patientId: string): Promise<void> {
      const links = await manageable(actor, patientId);
      for (const link of (links ?? []).filter(isPrintoutLink)) await deps.links.revoke(actor, patientId, link.id);
    },
  };
}

export type PrintoutLinks = ReturnType<typeof createPrintoutLinks>;

/**
 * The card issuer, whose "revoke every card" also revokes the printout links printed beside those
 * cards: every card under every key and every printout link, in one transaction.
 */
export function withPrintoutLinksRevoked(cards: CardIssuer, printoutLinks: PrintoutLinks, units: UnitOfWork): CardIssuer {
  return {
    ...cards,
    async revokeAll(actor, patientId) {
      await units.transaction(async () => {
        await cards.revokeAll(actor, patientId);
        await printoutLinks.revokeAll(actor, patientId);
      });
    },
  };
}
