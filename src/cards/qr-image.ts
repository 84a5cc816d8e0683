import QRCode from 'qrcode';
import { FhirError } from '../fhir/errors.ts';

/** The spec's upper bound: a card must fit a version 22 QR code. */
const maxVersion = 22;

/**
 * The QR segments the SMART Health Cards specification asks for: `shc:/` in byte mode, the
 * digits in numeric mode (about 3.3 bits a digit), error correction L.
 */
export function qrSegments(qrText: string): QRCode.QRCodeSegment[] {
  const match = /^(shc:\/)(\d+)$/.exec(qrText);
  if (!match) throw new FhirError('bad-request', 'Only a single-part shc:/ code can be drawn.');
  return [
    { data: Buffer.from(match[1]!), mode: 'byte' },
    { data: match[2]!, mode: 'numeric' },
  ];
}

export function qrVersion(qrText: string): number {
  return QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'L' }).version;
}

export async function renderQrPng(qrText: string, width = 600): Promise<Buffer> {
  if (qrVersion(qrText) > maxVersion) throw new FhirError('invalid', 'This card is too large for one QR code.');
  return QRCode.toBuffer(qrSegments(qrText), { errorCorrectionLevel: 'L', type: 'png', width, margin: 4 });
}

export async function renderQrSvg(qrText: string): Promise<string> {
  if (qrVersion(qrText) > maxVersion) throw new FhirError('invalid', 'This card is too large for one QR code.');
  return QRCode.toString(qrSegments(qrText), { errorCorrectionLevel: 'L', type: 'svg', margin: 4 });
}
