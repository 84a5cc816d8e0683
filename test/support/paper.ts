import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { PNG } from 'pngjs';

/**
 * Looking at a PDF as paper: its pages and size (pdfinfo), its words and where they are
 * (pdftotext -bbox) and its pixels (pdftoppm), all from Debian's poppler-utils, which shares no
 * code with Chromium or pdfkit that made the PDF. QR codes are read back with ZXing (the decoder of the /scan page).
 */
const tools = ['pdfinfo', 'pdftotext', 'pdftoppm'];

/** True when poppler-utils is here. In CI (CI=true) missing tools are a failure, not a skip. */
export function popplerAvailable(): boolean {
  if (tools.every((t) => existsSync(`/usr/bin/${t}`))) return true;
  if (process.env.CI === 'true') throw new Error('poppler-utils is required in CI (.ci/run installs it with apt-get).');
  return false;
}

export const pointsToMm = (points: number): number => (points * 25.4) / 72;

export function pdfPages(pdf: string): Array<{ widthMm: number; heightMm: number }> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ widthMm: pointsToMm(Number(m[1])), heightMm: pointsToMm(Number(m[2])) }));
}

/** All the text, every run of white space made one space, so line breaks do not matter. */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

export interface Word { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** Each word with its box, in points from the page's top left. */
export function pdfWords(pdf: string): Word[] {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  for (const line of xhtml.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return words;
}

export interface PageImage { width: number; height: number; dpi: number; data: Uint8ClampedArray }

/** One page as printed at `dpi`, in grey and colour alike (RGBA). */
export function renderPage(pdf: string, page: number, dpi: number, work: string): PageImage {
  const prefix = join(work, `page-${Date.now()}-${page}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  return { width: png.width, height: png.height, dpi, data: new Uint8ClampedArray(png.data) };
}

export function savePng(image: PageImage, path: string): void {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  writeFileSync(path, PNG.sync.write(png));
}

const luminance = (image: PageImage, x: number, y: number): number => {
  const i = (y * image.width + x) * 4;
  return 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
};

/** A box in points turned to pixels. */
const toPixels = (image: PageImage, box: { xMin: number; yMin: number; xMax: number; yMax: number }) => {
  const k = image.dpi / 72;
  return { x0: Math.floor(box.xMin * k), y0: Math.floor(box.yMin * k), x1: Math.ceil(box.xMax * k), y1: Math.ceil(box.yMax * k) };
};

/** How the ink in a box looks: the darkest pixel (0 black … 255 white) and the share of pixels darker than mid-grey. */
export function inkIn(image: PageImage, box: { xMin: number; yMin: number; xMax: number; yMax: number }): { darkest: number; darkShare: number } {
  const { x0, y0, x1, y1 } = toPixels(image, box);
  let darkest = 255;
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const l = luminance(image, x, y);
      darkest = Math.min(darkest, l);
      if (l < 128) dark++;
    }
  }
  return { darkest, darkShare: dark / Math.max(1, (x1 - x0) * (y1 - y0)) };
}

/** The widest run of near-black pixels along a row, from x `fromPt` leftwards for `spanPt`, in millimetres: a printed rule or border. */
export function blackRunLeftOf(image: PageImage, yPt: number, fromPt: number, spanPt: number): number {
  const k = image.dpi / 72;
  const y = Math.round(yPt * k);
  let best = 0;
  let run = 0;
  for (let x = Math.round(fromPt * k); x >= Math.max(0, Math.round((fromPt - spanPt) * k)); x--) {
    run = luminance(image, x, y) < 80 ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return (best / image.dpi) * 25.4;
}

export interface FoundCode { text: string; version: number; moduleMm: number; box: { xMin: number; yMin: number; xMax: number; yMax: number } }

let zxingReady = false;
/** zxing-wasm, the decoder the /scan page uses, given its .wasm from node_modules (it would otherwise fetch it from a CDN). */
function prepareZxing(): void {
  if (zxingReady) return;
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  zxingReady = true;
}

/**
 * Every QR code on the page, read with ZXing (which shares no code with the library that drew
 * them). Boxes in points, quiet zone included; module size from the code's measured width.
 */
export async function readCodes(image: PageImage): Promise<FoundCode[]> {
  prepareZxing();
  const results = await readBarcodes({ data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 4 });
  const k = 72 / image.dpi;
  return results.filter((r) => r.isValid).map((r) => {
    const corners = [r.position.topLeft, r.position.topRight, r.position.bottomLeft, r.position.bottomRight];
    const version = Number(r.version);
    const modulePx = Math.hypot(r.position.topRight.x - r.position.topLeft.x, r.position.topRight.y - r.position.topLeft.y) / (17 + 4 * version);
    const quiet = 4 * modulePx;
    const box = {
      xMin: (Math.min(...corners.map((c) => c.x)) - quiet) * k,
      yMin: (Math.min(...corners.map((c) => c.y)) - quiet) * k,
      xMax: (Math.max(...corners.map((c) => c.x)) + quiet) * k,
      yMax: (Math.max(...corners.map((c) => c.y)) + quiet) * k,
    };
    return { text: r.text, version, moduleMm: (modulePx / image.dpi) * 25.4, box };
  });
}

export const overlaps = (a: { xMin: number; yMin: number; xMax: number; yMax: number }, b: { xMin: number; yMin: number; xMax: number; yMax: number }): boolean =>
  a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;
