import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { FhirError } from '../fhir/errors.ts';

/** The spec's upper bound: a card must fit a version 22 QR code. */
const maxVersion = 22;

// qrcode's own renderers, given a code already encoded: its toString/toBuffer would encode it again.
const require = createRequire(import.meta.url);
const svgRenderer = require('qrcode/lib/renderer/svg-tag.js') as { render(qr: QRCode.QRCode, options: QRCode.QRCodeRenderersOptions): string };
const pngRenderer = require('qrcode/lib/renderer/png.js') as {
  renderToBuffer(qr: QRCode.QRCode, options: QRCode.QRCodeRenderersOptions, done: (err: Error | null, png: Buffer) => void): void;
};

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

/**
 * The card's code, encoded once (qrcode's search for the most readable mask is most of the cost),
 * or a refusal when it would be larger than the specification allows.
 */
export function encodeCardQr(qrText: string): QRCode.QRCode {
  const qr = QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'L' });
  if (qr.version > maxVersion) throw new FhirError('invalid', 'This card is too large for one QR code.');
  return qr;
}

export function qrVersion(qrText: string): number {
  return QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'L' }).version;
}

export function renderQrPng(qrText: string, width = 600): Promise<Buffer> {
  const qr = encodeCardQr(qrText);
  return new Promise((resolve, reject) => pngRenderer.renderToBuffer(qr, { width, margin: 4 }, (err, png) => (err ? reject(err) : resolve(png))));
}

export async function renderQrSvg(qrText: string): Promise<string> {
  return svgRenderer.render(encodeCardQr(qrText), { margin: 4 });
}
