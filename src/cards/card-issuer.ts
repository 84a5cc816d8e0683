import type { Bundle } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import type { IssuerKeys } from './issuer-keys.ts';
import { issueCard, revocationId, type IssuedCard } from './issue-card.ts';
import { revocationList, type RevocationList } from './revocation.ts';
import { cardSnapshot, contentDigest } from './card-snapshot.ts';

export interface CardIssuer {
  /**
   * The signed card and the summary it was made from (for the printout's words). `medium`: a card
   * only shown on her phone ('screen') supersedes older ones for a scanner, but is not the printed
   * card the home page compares her record with.
   */
  issue(actor: Actor, patientId: string, medium?: 'print' | 'screen'): Promise<IssuedCard & { summary: Bundle }>;
  /** Retires every card of this person issued until now (lost or replaced); new cards verify again. */
  revokeAll(actor: Actor, patientId: string): Promise<void>;
  revocationList(kid: string): Promise<RevocationList | undefined>;
}

/**
 * $health-cards-issue: the summary comes through the record, which decides who may have one signed
 * (access/issuing.ts: the person or a carer managing her record, from a whole view), then is signed.
 */
export function createCardIssuer(deps: { record: HealthRecord; keys: IssuerKeys; accounts: AccountStore; publicUrl: string; clock: () => Date }): CardIssuer {
  const baseUrl = `${deps.publicUrl}/fhir`;
  return {
    async issue(actor, patientId, medium = 'print') {
      const summary = await deps.record.summaryToSign(actor, patientId, baseUrl, '$health-cards-issue');
      const signer = await deps.keys.current();
      const ridSecret = await deps.keys.ridSecret();
      const now = deps.clock();
      const rid = revocationId(ridSecret, signer.kid, patientId);
      const card = await issueCard({ summary, iss: deps.publicUrl, now, rid, signer, baseUrl });
      // Kept so that a newer card can supersede this one, and a changed record can be told from it.
      const items = cardSnapshot(summary);
      await deps.accounts.recordCardIssue({
        patientId, kid: signer.kid, rid, nbf: Math.floor(now.getTime() / 1000), issuedAt: now.toISOString(), contentDigest: contentDigest(items), items, medium,
      });
      return { ...card, summary };
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
