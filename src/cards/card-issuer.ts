import { randomBytes } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/accounts/account-store.ts';
import type { IssuerKeys } from './issuer-keys.ts';
import { issueCard, revocationId, type IssuedCard } from './issue-card.ts';

export interface CardIssuer {
  issue(actor: Actor, patientId: string): Promise<IssuedCard>;
}

/** $health-cards-issue: the summary comes through the record (so access is decided there), then is signed. */
export function createCardIssuer(deps: { record: HealthRecord; keys: IssuerKeys; accounts: AccountStore; publicUrl: string; clock: () => Date }): CardIssuer {
  const baseUrl = `${deps.publicUrl}/fhir`;
  return {
    async issue(actor, patientId) {
      const summary = await deps.record.summary(actor, patientId, baseUrl);
      const signer = await deps.keys.current();
      const ridSecret = await deps.accounts.getOrCreateSecret('shc-rid-secret', () => randomBytes(32).toString('base64url'));
      return issueCard({ summary, iss: deps.publicUrl, now: deps.clock(), rid: revocationId(ridSecret, signer.kid, patientId), signer, baseUrl });
    },
  };
}
