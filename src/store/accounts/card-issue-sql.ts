import type { CardItem } from '../../cards/card-snapshot.ts';
import type { SqlExecutor } from '../sql/executor.ts';
import type { CardIssue, LinkRepository } from '../port/links.ts';

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

export function cardIssueMethods(db: SqlExecutor): Pick<LinkRepository, 'recordCardIssue' | 'latestPrintedCard' | 'findCardIssue' | 'cardIssuesAfter' | 'latestRevocation'> {
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
