import QRCode from 'qrcode';
import { encodeCardQr } from './qr-image.ts';

/** The quiet zone the QR specification asks for, in modules, on every side. */
export const quietModules = 4;
/** Below this a phone camera at arm's length misreads print; the printout then points elsewhere. */
export const minimumModuleMm = 0.4;

/** A QR code as dark and light modules, to draw at an exact size on paper (SVG or PDF). */
export interface PrintedQr {
  /** What the code holds. */
  text: string;
  /** Modules a side, without the quiet zone. */
  size: number;
  dark(row: number, column: number): boolean;
}

/** The card's code: `shc:/` in byte mode then numeric digits, error correction L, as the SMART Health Cards specification asks. */
export function cardQr(qrText: string): PrintedQr {
  return fromModules(qrText, encodeCardQr(qrText).modules);
}

/** The link's code: error correction M, as paper on a fridge or in a wallet gets scuffed and nothing signs a link. */
export function linkQr(url: string): PrintedQr {
  return fromModules(url, QRCode.create(url, { errorCorrectionLevel: 'M' }).modules);
}

function fromModules(text: string, modules: QRCode.BitMatrix): PrintedQr {
  return { text, size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) };
}

/** How large each module prints when the code, quiet zone included, fills a square `boxMm` wide. */
export function moduleMm(qr: PrintedQr, boxMm: number): number {
  return boxMm / (qr.size + 2 * quietModules);
}

/** Horizontal runs of dark modules, row by row: few shapes to draw, and no hairline gaps between modules. */
export function darkRuns(qr: PrintedQr): Array<{ row: number; column: number; length: number }> {
  const runs: Array<{ row: number; column: number; length: number }> = [];
  for (let row = 0; row < qr.size; row++) {
    for (let column = 0; column < qr.size; column++) {
      if (!qr.dark(row, column)) continue;
      let length = 1;
      while (column + length < qr.size && qr.dark(row, column + length)) length++;
      runs.push({ row, column, length });
      column += length;
    }
  }
  return runs;
}

/** An SVG `boxMm` square, quiet zone included. The light modules are left unpainted: paper is white with or without background graphics. */
export function qrSvg(qr: PrintedQr, boxMm: number, label: string): string {
  const side = qr.size + 2 * quietModules;
  const path = darkRuns(qr).map((r) => `M${r.column + quietModules} ${r.row + quietModules}h${r.length}v1h-${r.length}z`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${label}" width="${boxMm}mm" height="${boxMm}mm" viewBox="0 0 ${side} ${side}"><path fill="#000" d="${path}"/></svg>`;
}
