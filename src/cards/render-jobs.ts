import type { PrintoutContent } from './printout-content.ts';
import { printoutHtml } from './printout-html.ts';
import type { PrintoutCodes } from './printout-layout.ts';
import { printoutPdf } from './printout-pdf.ts';
import { cardQr, linkQr } from './printed-qr.ts';
import { renderQrSvg } from './qr-image.ts';

/**
 * The drawing a card's view needs, as plain data so that it can cross to a worker thread: the QR
 * code for her phone's screen, or a printout (A4 or wallet, HTML or PDF). Encoding a QR code
 * (with qrcode's search for the most readable mask) and laying out a PDF are the costly parts.
 */
export type RenderJob =
  | { kind: 'qr-svg'; qrText: string }
  | {
      kind: 'printout';
      size: 'a4' | 'wallet';
      format: 'html' | 'pdf';
      content: PrintoutContent;
      /** The card's `shc:/` text. */
      cardQrText: string;
      /** The printout's SMART Health Link: the URL its code holds, and the day it stops working. */
      link?: { url: string; until: string };
    };

/** Runs one job. Pure apart from CPU: the same job gives the same drawing (a PDF's dates aside). */
export async function renderJob(job: RenderJob): Promise<string | Uint8Array> {
  if (job.kind === 'qr-svg') return renderQrSvg(job.qrText);
  const codes: PrintoutCodes = { card: cardQr(job.cardQrText), ...(job.link ? { link: { qr: linkQr(job.link.url), until: job.link.until } } : {}) };
  return job.format === 'pdf' ? printoutPdf(job.content, codes, job.size) : printoutHtml(job.content, codes, job.size);
}
