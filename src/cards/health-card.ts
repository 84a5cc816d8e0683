import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { CompactSign, compactVerify, decodeProtectedHeader, type JWK, importJWK } from 'jose';
import type { Bundle } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';

export const healthCardType = 'https://smarthealth.cards#health-card';

export interface CardClaims {
  iss: string;
  nbf: number;
  rid?: string;
  fhirBundle: Bundle;
}

/** A SMART Health Card: compact JWS, ES256, raw-DEFLATE payload (zip DEF), kid = key thumbprint. */
export async function signHealthCard(claims: CardClaims, signer: { kid: string; key: CryptoKey }): Promise<string> {
  const payload = {
    iss: claims.iss,
    nbf: claims.nbf,
    vc: { type: [healthCardType], credentialSubject: { fhirVersion: '4.0.1', fhirBundle: claims.fhirBundle }, ...(claims.rid ? { rid: claims.rid } : {}) },
  };
  // Level 9: every byte saved is room on the one QR code.
  return new CompactSign(deflateRawSync(Buffer.from(JSON.stringify(payload)), { level: 9 }))
    .setProtectedHeader({ alg: 'ES256', zip: 'DEF', kid: signer.kid })
    .sign(signer.key);
}

export interface VerifiedCard {
  kid: string;
  iss: string;
  nbf: number;
  rid?: string;
  fhirBundle: Bundle;
}

/**
 * Checks a card against the issuer's published keys (JWKS): signature, header, payload shape.
 * Works offline with cached keys; the caller decides which issuers to trust.
 */
export async function verifyHealthCard(jws: string, issuerKeys: { keys: JWK[] }): Promise<VerifiedCard> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new FhirError('bad-request', 'This is not a SMART Health Card: its signature block cannot be read.');
  }
  if (header.alg !== 'ES256' || header.zip !== 'DEF' || typeof header.kid !== 'string') {
    throw new FhirError('bad-request', 'This card does not use the SMART Health Card format (ES256, zip DEF, kid).');
  }
  const jwk = issuerKeys.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new FhirError('forbidden', 'This card was signed with a key its issuer does not publish: it cannot be trusted.');
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = (await compactVerify(jws, await importJWK(jwk, 'ES256'))).payload;
  } catch {
    throw new FhirError('forbidden', 'The signature does not match: this card has been changed or was not made by its issuer.');
  }
  const payload = JSON.parse(inflateRawSync(payloadBytes).toString('utf8')) as { iss: string; nbf: number; vc?: { type?: string[]; rid?: string; credentialSubject?: { fhirBundle?: Bundle } } };
  const bundle = payload.vc?.credentialSubject?.fhirBundle;
  if (!payload.vc?.type?.includes(healthCardType) || !bundle) throw new FhirError('bad-request', 'The card is signed but does not hold a health card.');
  return { kid: header.kid, iss: payload.iss, nbf: payload.nbf, rid: payload.vc.rid, fhirBundle: bundle };
}
