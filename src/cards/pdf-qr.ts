import { darkRuns, quietModules, type PrintedQr } from './printed-qr.ts';

/** Millimetres to PDF points. */
export const mm = (n: number): number => (n * 72) / 25.4;

/** A QR code drawn as vector shapes `width` points square, quiet zone included: sharp on any printer. */
export function drawQr(doc: PDFKit.PDFDocument, qr: PrintedQr, x: number, y: number, width: number): void {
  const module = width / (qr.size + 2 * quietModules);
  const origin = quietModules * module;
  doc.save();
  for (const run of darkRuns(qr)) doc.rect(x + origin + run.column * module, y + origin + run.row * module, run.length * module, module);
  doc.fillColor('#000').fill();
  doc.restore();
}
