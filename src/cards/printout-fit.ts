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
 * The wallet card's front on one side, in the largest type that fits. When even 6 pt is too small
 * for everything, the last health problems go first, then the last medicines, each replaced by
 * "and N more: see the A4 sheet or scan the code" — never silently. Allergies, resuscitation and
 * who to call are always kept.
 */
export function fitWalletFront(content: PrintoutContent): WalletFit {
  const doc = new PDFDocument({ size: [mm(walletLayout.widthMm), mm(walletLayout.heightMm)], margin: 0, autoFirstPage: true });
  const room = mm(walletLayout.heightMm - 2 * walletLayout.paddingMm) * usableShare;
  const fits = (front: WalletFront, sizePt: number): boolean => walletFrontHeight(doc, front, sizePt, { draw: false, widthFactor }) <= room;
  const keep = { conditions: content.conditions.length, medicines: content.medicines.length };
  for (;;) {
    const front = walletFront(content, keep);
    const sizePt = typeSizes.find((size) => fits(front, size));
    if (sizePt !== undefined) return { front, sizePt };
    if (keep.conditions > 0) keep.conditions--;
    else if (keep.medicines > 0) keep.medicines--;
    else return { front, sizePt: typeSizes.at(-1)! };
  }
}
