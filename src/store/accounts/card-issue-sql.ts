import type { CardItem } from '../../cards/card-snapshot.ts';
import type { SqlExecutor } from '../sql/executor.ts';

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

export interface CardIssueStore {
  recordCardIssue(issue: CardIssue): Promise<void>;
  /** Her most recent card that was printed (a card only shown on a screen is not in the red bag). */
  latestPrintedCard(patientId: string): Promise<CardIssue | undefined>;
  /** The card a scanner holds: matched by its rid and nbf (the latest of that second). */
  findCardIssue(rid: string, nbf: number): Promise<CardIssue | undefined>;
  /** Her cards made after `issuedAt`, oldest first (for "superseded since"). */
  cardIssuesAfter(patientId: string, issuedAt: string): Promise<Array<Pick<CardIssue, 'issuedAt' | 'contentDigest'>>>;
  /** The latest revocation of this rid under this key (a card reported lost), if any. */
  latestRevocation(kid: string, rid: string): Promise<string | undefined>;
}

interface Row { patient_id: string; kid: string; rid: string; nbf: number | string; issued_at: string; content_digest: string; items: string; medium: string }
const toIssue = (r: Row): CardIssue => ({
  patientId: r.patient_id,
  kid: r.kid,
  rid: r.rid,
  nbf: Number(r.nbf),
  issuedAt: r.issued_at,
  contentDigest: r.content_digest,
  medium: r.medium === 'screen' ? 'screen' : 'print',
  items: JSON.parse(r.items) as CardItem[],
});

export function cardIssueMethods(db: SqlExecutor): CardIssueStore {
  return {
    async recordCardIssue(issue) {
      await db.run('INSERT INTO card_issues (patient_id, kid, rid, nbf, issued_at, content_digest, items, medium) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        issue.patientId, issue.kid, issue.rid, issue.nbf, issue.issuedAt, issue.contentDigest, JSON.stringify(issue.items), issue.medium,
      ]);
    },
    async latestPrintedCard(patientId) {
      const [row] = await db.all<Row>("SELECT * FROM card_issues WHERE patient_id = ? AND medium = 'print' ORDER BY issued_at DESC LIMIT 1", [patientId]);
      return row ? toIssue(row) : undefined;
    },
    async findCardIssue(rid, nbf) {
      const [row] = await db.all<Row>('SELECT * FROM card_issues WHERE rid = ? AND nbf = ? ORDER BY issued_at DESC LIMIT 1', [rid, nbf]);
      return row ? toIssue(row) : undefined;
    },
    async cardIssuesAfter(patientId, issuedAt) {
      const rows = await db.all<{ issued_at: string; content_digest: string }>(
        'SELECT issued_at, content_digest FROM card_issues WHERE patient_id = ? AND issued_at > ? ORDER BY issued_at',
        [patientId, issuedAt],
      );
      return rows.map((r) => ({ issuedAt: r.issued_at, contentDigest: r.content_digest }));
    },
    async latestRevocation(kid, rid) {
      const [row] = await db.all<{ revoked_at: string | null }>('SELECT MAX(revoked_at) AS revoked_at FROM card_revocations WHERE kid = ? AND rid = ?', [kid, rid]);
      return row?.revoked_at ?? undefined;
    },
  };
}
