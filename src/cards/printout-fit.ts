import PDFDocument from 'pdfkit';
import type { PrintoutContent } from './printout-content.ts';
import { walletFront, walletLayout, type WalletFront } from './printout-layout.ts';
import { walletFrontHeight } from './printout-pdf-wallet.ts';
import { mm } from './pdf-qr.ts';

/** Largest first; below 6 pt a crew in a dim room could not read it. */
const typeSizes = [8, 7.5, 7, 6.5, 6];
/** Measured as if the type were this much wider than Helvetica: the browser may print in DejaVu Sans. */
const widthFactor = 1.15;
/** And a tenth of the height kept spare, for the browser's own rounding. */
const usableShare = 0.9;

export interface WalletFit {
  front: WalletFront;
  sizePt: number;
}

/**
 * The wallet card's front on one side, in the largest type that fits: first everything, then
 * medicines by name and problems without dates; only when even that does not fit at 6 pt do the
 * last health problems give way, then the last medicines, each replaced by "and N more: see the
 * A4 sheet or scan the code" — never silently. Allergies, resuscitation and who to call are always kept.
 */
export function fitWalletFront(content: PrintoutContent): WalletFit {
  const doc = new PDFDocument({ size: [mm(walletLayout.widthMm), mm(walletLayout.heightMm)], margin: 0, autoFirstPage: true });
  const room = mm(walletLayout.heightMm - 2 * walletLayout.paddingMm) * usableShare;
  const fits = (front: WalletFront, sizePt: number): boolean => walletFrontHeight(doc, front, sizePt, { draw: false, widthFactor }) <= room;
  const all = { conditions: content.conditions.length, medicines: content.medicines.length };
  for (const brief of [false, true]) {
    const front = walletFront(content, { brief, ...all });
    const sizePt = typeSizes.find((size) => fits(front, size));
    if (sizePt !== undefined) return { front, sizePt };
  }
  const share = { brief: true, ...all };
  const smallest = typeSizes.at(-1)!;
  for (;;) {
    const front = walletFront(content, share);
    if (fits(front, smallest)) return { front, sizePt: smallest };
    if (share.conditions > 0) share.conditions--;
    else if (share.medicines > 0) share.medicines--;
    else return { front, sizePt: smallest };
  }
}
