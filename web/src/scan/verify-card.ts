import { base64url, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { Bundle } from '@medplum/fhirtypes';
import type { IssuerDirectory } from './issuer-directory.ts';

/** What a crew is told about a card, and what the card says. */
export type CardCheck =
  /** `confirmedCurrent`: the issuer said just now that no newer card exists; false offline or unasked. */
  | { status: 'verified'; issuerName: string; card: CardPayload; confirmedCurrent: boolean }
  /** Genuine, but newer information exists since `newerSince`: a newer card, or a record changed since (not lost: amber, not black). */
  | { status: 'superseded'; issuerName: string; card: CardPayload; newerSince: string; reason: 'newer-card' | 'record-changed' }
  | { status: 'revoked'; issuerName: string; card: CardPayload }
  | { status: 'not-verified'; reason: string; card?: CardPayload };

export interface CardPayload {
  iss: string;
  /** When the card was made (seconds since 1970). */
  nbf: number;
  exp?: number;
  rid?: string;
  bundle: Bundle;
}

/** Clocks on phones drift; a card "made" a few minutes in the future is still fine. */
const clockSkewSeconds = 300;

/**
 * Verifies a SMART Health Card the way the specification says: ES256 signature by a key the
 * issuer publishes, the issuer on our trust list, not before its nbf, not after its exp, and not
 * on the issuer's revocation list. Works offline with the keys the directory has kept. Online, it
 * also asks whether a newer card has superseded this one.
 */
export async function verifyCard(jws: string, issuers: IssuerDirectory, now: Date): Promise<CardCheck> {
  let card: CardPayload;
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(jws);
    if (header.alg !== 'ES256' || header.zip !== 'DEF') return { status: 'not-verified', reason: 'This is not a SMART Health Card (it is not signed the way cards are).' };
    kid = header.kid;
    card = await readPayload(jws);
  } catch {
    return { status: 'not-verified', reason: 'The code cannot be read as a health card. It may be damaged or changed.' };
  }
  const issuer = issuers.trusted(card.iss);
  if (!issuer) return { status: 'not-verified', reason: `The card was made by an issuer this scanner does not trust (${card.iss}).`, card };
  const key = kid ? await issuers.key(card.iss, kid) : undefined;
  if (!key) {
    return { status: 'not-verified', reason: `The card’s signing key is not one ${issuer.name} publishes${issuers.online() ? '' : ' (or this scanner has not seen it yet: go online once)'}.`, card };
  }
  try {
    await compactVerify(jws, await importJWK(key as JWK, 'ES256'));
  } catch {
    return { status: 'not-verified', reason: 'The signature does not match: the card has been changed or was not made by its issuer.', card };
  }
  const t = now.getTime() / 1000;
  if (card.nbf > t + clockSkewSeconds) return { status: 'not-verified', reason: 'The card says it was made in the future. Check the date on this device.', card };
  if (card.exp !== undefined && card.exp < t) return { status: 'not-verified', reason: 'The card has expired.', card };
  if (card.rid && kid && (await issuers.isRevoked(card.iss, kid, card.rid, card.nbf))) return { status: 'revoked', issuerName: issuer.name, card };
  const currency = card.rid ? await issuers.cardStatus(card.iss, card.rid, card.nbf) : undefined;
  if (currency?.status === 'superseded') return { status: 'superseded', issuerName: issuer.name, card, newerSince: currency.newerSince, reason: currency.reason };
  return { status: 'verified', issuerName: issuer.name, card, confirmedCurrent: currency?.status === 'current' };
}

/** The payload is raw DEFLATE (zip: DEF) inside the JWS; read it before the signature to learn the issuer. */
export async function readPayload(jws: string): Promise<CardPayload> {
  const compressed = base64url.decode(jws.split('.')[1] ?? '');
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const json = JSON.parse(await new Response(stream).text()) as { iss?: unknown; nbf?: unknown; exp?: unknown; vc?: { rid?: string; credentialSubject?: { fhirBundle?: Bundle } } };
  const bundle = json.vc?.credentialSubject?.fhirBundle;
  if (typeof json.iss !== 'string' || typeof json.nbf !== 'number' || !bundle) throw new Error('not a health card payload');
  return { iss: json.iss, nbf: json.nbf, ...(typeof json.exp === 'number' ? { exp: json.exp } : {}), ...(json.vc?.rid ? { rid: json.vc.rid } : {}), bundle };
}
