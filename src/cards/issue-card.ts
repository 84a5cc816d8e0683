import { createHmac } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';
import { canonicalBase } from '../profiles/canonical.ts';
import { cardCandidates } from './card-contents.ts';
import { signHealthCard } from './health-card.ts';
import { minimiseBundle } from './minimise-bundle.ts';
import { maxSingleQrJwsLength } from './numeric-qr.ts';

export interface IssuedCard {
  jws: string;
  /** True when something had to be left off to fit one QR code: the full summary is behind the link. */
  partial: boolean;
}

/** Revocation id: the same for every card of one person, so a CRL entry `rid.timestamp` retires all older cards. */
export function revocationId(secret: string, kid: string, patientId: string): string {
  return createHmac('sha256', secret + kid).update(patientId).digest().subarray(0, 8).toString('base64url');
}

/**
 * Builds and signs the Red Bag card from a summary, fitting one QR code (version 22): optional
 * entries are dropped from the end until it fits; if even the essentials do not fit, nothing is
 * issued rather than a card without all of her allergies.
 */
export async function issueCard(args: { summary: Bundle; iss: string; now: Date; rid: string; signer: { kid: string; key: CryptoKey }; baseUrl: string }): Promise<IssuedCard> {
  const { essential, optional } = cardCandidates(args.summary);
  const addressOf = (r: Resource) => [`${args.baseUrl}/${r.resourceType}/${r.id}`, `${r.resourceType}/${r.id}`];
  for (let keep = optional.length; keep >= 0; keep--) {
    const partial = keep < optional.length;
    const bundle = minimiseBundle([...essential, ...optional.slice(0, keep)], addressOf);
    if (partial) bundle.meta = { tag: [{ system: `${canonicalBase}/CodeSystem/redbag-card`, code: 'partial', display: 'More is in the full summary behind the Red Bag link' }] };
    const jws = await signHealthCard({ iss: args.iss, nbf: Math.floor(args.now.getTime() / 1000), rid: args.rid, fhirBundle: bundle }, args.signer);
    if (jws.length <= maxSingleQrJwsLength) return { jws, partial };
  }
  throw new FhirError('invalid', 'The allergies and emergency plan alone are too long for one QR code. Shorten their descriptions, or use the Red Bag link instead.');
}
