import PDFDocument from 'pdfkit';
import type { PrintoutContent } from './printout-content.ts';
import { fitWalletFront } from './printout-fit.ts';
import { a4Layout, codeWords, identityLine, printsLargeEnough, walletLayout, type PrintoutCodes } from './printout-layout.ts';
import { drawWalletBack, walletFrontHeight } from './printout-pdf-wallet.ts';
import { drawQr, mm } from './pdf-qr.ts';

/**
 * The same printout as a PDF, drawn with pdfkit from the same content and words as the HTML: A4
 * with the codes in a column of their own, or the wallet card front and back. Codes are vector
 * shapes; the allergy box is a heavy border with bold type, so nothing depends on filled colour.
 */
export function printoutPdf(content: PrintoutContent, codes: PrintoutCodes, size: 'a4' | 'wallet'): Promise<Buffer> {
  const wallet = size === 'wallet';
  const doc = new PDFDocument({
    size: wallet ? [mm(walletLayout.widthMm), mm(walletLayout.heightMm)] : 'A4',
    margin: wallet ? 0 : mm(a4Layout.marginMm),
    info: { Title: `Red Bag — ${content.name}`, Subject: 'Emergency summary', Creator: 'Red Bag' },
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (wallet) {
    const fit = fitWalletFront(content);
    walletFrontHeight(doc, fit.front, fit.sizePt, { draw: true, widthFactor: 1 });
    doc.addPage({ size: [mm(walletLayout.widthMm), mm(walletLayout.heightMm)], margin: 0 });
    drawWalletBack(doc, codes, content.madeOn);
  } else {
    drawA4(doc, content, codes);
  }
  doc.end();
  return done;
}

const base = 14;

function drawA4(doc: PDFKit.PDFDocument, content: PrintoutContent, codes: PrintoutCodes): void {
  const left = doc.page.margins.left;
  const fullWidth = doc.page.width - left - doc.page.margins.right;
  doc.font('Helvetica-Bold').fontSize(base * 1.6).text(`Red Bag: ${content.name}`, left, doc.page.margins.top, { width: fullWidth });
  doc.font('Helvetica').fontSize(base).text(identityLine(content), { width: fullWidth });
  doc.font('Helvetica-Bold').text(`${codeWords.madeOn(content.madeOn)}. Scan the code to check it is current.`, { width: fullWidth });
  const top = doc.y + mm(3);
  const codeColumn = mm(a4Layout.codeColumnMm);
  drawA4Codes(doc, codes, content.madeOn, left + fullWidth - codeColumn, top, codeColumn);
  const width = fullWidth - codeColumn - mm(4);
  doc.x = left;
  doc.y = top;
  allergyBox(doc, content.allergies, left, width);
  section(doc, 'Resuscitation', [content.resuscitation], left, width, true);
  section(doc, 'Health problems', content.conditions.length ? content.conditions : ['None recorded'], left, width);
  section(doc, 'Medicines', content.medicines.length ? content.medicines : ['None recorded'], left, width);
  section(doc, 'Who to call', [content.contact ?? 'No contact recorded'], left, width);
}

/** Heavy black border, bold large type: the strongest treatment that survives any printer and setting. */
function allergyBox(doc: PDFKit.PDFDocument, allergies: string[], left: number, width: number): void {
  const border = mm(1.5);
  const pad = mm(2);
  const inner = width - 2 * (border + pad);
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(base * 1.3).text('ALLERGIES', left + border + pad, top + border + pad, { width: inner });
  doc.fontSize(base * 1.15).text(allergies.join('\n'), { width: inner });
  const bottom = doc.y + pad + border;
  doc.lineWidth(border).strokeColor('#000').rect(left + border / 2, top + border / 2, width - border, bottom - top - border).stroke();
  doc.y = bottom + mm(2);
}

function section(doc: PDFKit.PDFDocument, title: string, lines: string[], left: number, width: number, bold = false): void {
  doc.font('Helvetica-Bold').fontSize(base * 1.1).text(title, left, doc.y, { width });
  const rule = doc.y;
  doc.lineWidth(1).moveTo(left, rule).lineTo(left + width, rule).stroke();
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(base);
  // A list's bullets are drawn, not written, as in the HTML: the words on both printouts are the same.
  if (lines.length > 1) doc.list(lines, left, rule + 2, { width, bulletRadius: 2, textIndent: 12, bulletIndent: 2 });
  else doc.text(lines[0]!, left, rule + 2, { width });
  doc.y += mm(2);
}

function drawA4Codes(doc: PDFKit.PDFDocument, codes: PrintoutCodes, madeOn: string, x: number, top: number, width: number): void {
  const size = base * 0.8;
  const cardBox = mm(a4Layout.cardBoxMm);
  drawQr(doc, codes.card, x + (width - cardBox) / 2, top, cardBox);
  doc.font('Helvetica-Bold').fontSize(size).text(codeWords.cardLabel, x, top + cardBox + mm(1.5), { width, align: 'center' });
  doc.font('Helvetica').text(`${codeWords.cardNote} ${codeWords.madeOn(madeOn)}.`, { width, align: 'center' });
  const linkTop = doc.y + mm(6);
  if (codes.link && printsLargeEnough(codes.link.qr, a4Layout.linkBoxMm)) {
    const linkBox = mm(a4Layout.linkBoxMm);
    drawQr(doc, codes.link.qr, x + (width - linkBox) / 2, linkTop, linkBox);
    doc.font('Helvetica-Bold').fontSize(size).text(codeWords.linkLabel, x, linkTop + linkBox + mm(1.5), { width, align: 'center' });
    doc.font('Helvetica').text(codeWords.linkUntil(codes.link.until), { width, align: 'center' });
  } else {
    doc.font('Helvetica-Bold').fontSize(size).text(codes.link ? codeWords.tooSmall : codeWords.noLink, x, linkTop, { width, align: 'center' });
  }
}
