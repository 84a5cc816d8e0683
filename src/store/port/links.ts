import type { CardItem } from '../../cards/card-snapshot.ts';

/** A SMART Health Link the person made; the key decrypts what the link serves. */
export interface StoredHealthLink {
  id: string;
  patientId: string;
  label: string;
  key: string;
  /** scrypt hash, as for passwords; never the passcode itself. */
  passcodeHash?: string;
  expiresAt: string;
  remainingAttempts: number;
  createdAt: string;
  revokedAt?: string;
}

/** A card the service made: when, for whom, under which key and rid, and what it showed. */
export interface CardIssue {
  patientId: string;
  kid: string;
  rid: string;
  /** The card's nbf (seconds since 1970): how a scanned card is matched to this row. */
  nbf: number;
  issuedAt: string;
  /** Digest of the items together: two cards with the same one show the same things. */
  contentDigest: string;
  /** Printed (or fetched through the API to be kept), or only shown on her phone's screen. */
  medium: 'print' | 'screen';
  items: CardItem[];
}

/**
 * What a person hands out and may take back: SMART Health Links (with their access log and the
 * one-time files a manifest serves by `location`), the cards made, and card revocations (CRL).
 */
export interface LinkRepository {
  createHealthLink(link: Omit<StoredHealthLink, 'revokedAt'>): Promise<void>;
  findHealthLink(id: string): Promise<StoredHealthLink | undefined>;
  listHealthLinks(patientId: string): Promise<StoredHealthLink[]>;
  /**
   * Takes one passcode attempt before the passcode is checked, in one statement, so guesses sent
   * in parallel get no more tries than guesses sent one by one. Returns how many are left after
   * this one, or undefined when none were left (the link is locked).
   */
  takePasscodeAttempt(id: string): Promise<number | undefined>;
  /** Gives back the attempt a right passcode took: only wrong ones count towards the lock. */
  returnPasscodeAttempt(id: string): Promise<void>;
  revokeHealthLink(id: string, at: string): Promise<void>;
  recordLinkAccess(access: { linkId: string; at: string; recipient: string; outcome: string }): Promise<void>;
  listLinkAccesses(linkId: string): Promise<Array<{ at: string; recipient: string; outcome: string }>>;
  /**
   * A file served by `location` from a manifest (when the viewer asked for a shorter
   * `embeddedLengthMax`): already encrypted with the link's key, good for one GET within the hour.
   */
  addLinkFile(file: { id: string; linkId: string; jwe: string; expiresAt: string }, now: string): Promise<void>;
  /** The file, used up by this call; undefined when unknown, used already, or expired. */
  takeLinkFile(id: string, now: string): Promise<{ linkId: string; jwe: string } | undefined>;
  /** Cards of this rid signed before `revokedAt` stop verifying as current (SMART Health Cards CRL). */
  addRevocation(kid: string, rid: string, revokedAt: string): Promise<void>;
  listRevocations(kid: string): Promise<Array<{ rid: string; revokedAt: string }>>;
  /** The latest revocation of this rid under this key (a card reported lost), if any. */
  latestRevocation(kid: string, rid: string): Promise<string | undefined>;
  recordCardIssue(issue: CardIssue): Promise<void>;
  /** Her most recent card that was printed (a card only shown on a screen is not in the red bag). */
  latestPrintedCard(patientId: string): Promise<CardIssue | undefined>;
  /** The card a scanner holds: matched by its rid and nbf (the latest of that second). */
  findCardIssue(rid: string, nbf: number): Promise<CardIssue | undefined>;
  /** Her cards made after `issuedAt`, oldest first (for "superseded since"). */
  cardIssuesAfter(patientId: string, issuedAt: string): Promise<Array<Pick<CardIssue, 'issuedAt' | 'contentDigest'>>>;
}
