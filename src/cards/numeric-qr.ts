import { FhirError } from '../fhir/errors.ts';

/**
 * The SMART Health Card QR payload: `shc:/` then each JWS character as two digits of
 * (char code − 45), so the QR can use its compact numeric mode. One chunk only: chunking is
 * deprecated by the specification.
 */
export function toNumericQr(jws: string): string {
  let digits = '';
  for (let i = 0; i < jws.length; i++) digits += String(jws.charCodeAt(i) - 45).padStart(2, '0');
  return `shc:/${digits}`;
}

export function fromNumericQr(qr: string): string {
  const match = /^shc:\/(\d+)$/.exec(qr.trim());
  if (!match || match[1]!.length % 2 !== 0) throw new FhirError('bad-request', 'This is not a single-part SMART Health Card code (shc:/ followed by digits).');
  const digits = match[1]!;
  let jws = '';
  for (let i = 0; i < digits.length; i += 2) jws += String.fromCharCode(Number(digits.slice(i, i + 2)) + 45);
  return jws;
}

/** Longest JWS that fits one version-22 QR code in numeric mode at error correction L (the spec's limit). */
export const maxSingleQrJwsLength = 1195;
