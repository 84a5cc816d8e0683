import { createHmac } from 'node:crypto';
import type { AllergyIntolerance, Bundle, Resource } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';
import { isNoKnownAllergyStatement } from '../summary/describe.ts';
import { cardSections, type CardSection } from './card-contents.ts';
import { cardNotice, type CardSectionKey, type CardSectionState } from './card-statements.ts';
import { signHealthCard } from './health-card.ts';
import { minimiseBundle } from './minimise-bundle.ts';
import { maxSingleQrJwsLength } from './numeric-qr.ts';

export interface IssuedCard {
  jws: string;
  /** True when something had to be left off to fit one QR code: the full summary is behind the link. */
  partial: boolean;
  /** What the card says about each section (the same as its notice, for the printout and tests). */
  sections: Record<CardSectionKey, CardSectionState>;
}

/** Revocation id: the same for every card of one person, so a CRL entry `rid.timestamp` retires all older cards. */
export function revocationId(secret: string, kid: string, patientId: string): string {
  return createHmac('sha256', secret + kid).update(patientId).digest().subarray(0, 8).toString('base64url');
}

/**
 * Builds and signs the Red Bag card from a summary, fitting one QR code (version 22): optional
 * entries are dropped from the end until it fits; if even the essentials do not fit, nothing is
 * issued rather than a card without all of her allergies. Whenever a section is not simply listed
 * (she recorded none, or some or all of it was left off), the card says so in words at the top
 * (card-statements.ts): silence on a card never means "none".
 */
export async function issueCard(args: { summary: Bundle; iss: string; now: Date; rid: string; signer: { kid: string; key: CryptoKey }; baseUrl: string }): Promise<IssuedCard> {
  const { patient, sections } = cardSections(args.summary);
  const addressOf = (r: Resource) => [`${args.baseUrl}/${r.resourceType}/${r.id}`, `${r.resourceType}/${r.id}`];
  const optionalCount = sections.filter((s) => !s.essential).reduce((n, s) => n + s.resources.length, 0);
  const attempt = async (keep: number): Promise<IssuedCard | undefined> => {
    const kept = keepFirst(sections, keep);
    const states = sectionStates(sections, kept);
    const notice = cardNotice(states, `Patient/${patient.id}`);
    const onCard = [patient, ...(notice ? [notice] : []), ...kept.flatMap((s) => s.resources)];
    const bundle = minimiseBundle(onCard, addressOf);
    const jws = await signHealthCard({ iss: args.iss, nbf: Math.floor(args.now.getTime() / 1000), rid: args.rid, fhirBundle: bundle }, args.signer);
    return jws.length <= maxSingleQrJwsLength ? { jws, partial: keep < optionalCount, sections: states } : undefined;
  };
  // The most optional entries that fit, by halving (a long record costs a dozen signatures, not hundreds).
  let best = await attempt(optionalCount);
  if (best) return best;
  best = await attempt(0);
  let [fits, tooMany] = [0, optionalCount];
  while (best && tooMany - fits > 1) {
    const middle = Math.floor((fits + tooMany) / 2);
    const card = await attempt(middle);
    if (card) [best, fits] = [card, middle];
    else tooMany = middle;
  }
  if (best) return best;
  throw new FhirError('invalid', 'The allergies and emergency plan alone are too long for one QR code. Shorten their descriptions, or use the Red Bag link instead.');
}

/** The sections with only the first `keep` optional entries (in card order); essentials whole. */
function keepFirst(sections: CardSection[], keep: number): CardSection[] {
  let left = keep;
  return sections.map((s) => {
    if (s.essential) return s;
    const resources = s.resources.slice(0, Math.max(0, left));
    left -= resources.length;
    return { ...s, resources };
  });
}

function sectionStates(all: CardSection[], kept: CardSection[]): Record<CardSectionKey, CardSectionState> {
  const states = {} as Record<CardSectionKey, CardSectionState>;
  all.forEach((section, i) => {
    const onCard = kept[i]!.resources.length;
    const recorded = section.resources.length;
    if (section.key === 'allergies') {
      const none = recorded > 0 && (section.resources as AllergyIntolerance[]).every(isNoKnownAllergyStatement);
      states.allergies = recorded === 0 ? 'not-recorded' : none ? 'no-known-allergies' : 'listed';
    } else if (recorded === 0) states[section.key] = 'none-recorded';
    else if (onCard === 0) states[section.key] = 'not-on-card';
    else states[section.key] = onCard < recorded ? 'some-not-on-card' : 'listed';
  });
  return states;
}
