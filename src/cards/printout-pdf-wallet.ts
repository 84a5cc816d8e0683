import { codeWords, printsLargeEnough, walletLayout, type PrintoutCodes, type WalletFront } from './printout-layout.ts';
import { drawQr, mm } from './pdf-qr.ts';

/** The wallet card's type, shared with the HTML: a line is 1.16 times the type size in both. */
export const walletType = { allergyScale: 1.15, titleScale: 1.25, blockGapMm: 0.7, allergyBorderMm: 0.7, allergyPadMm: 0.7 } as const;

interface Pen {
  doc: PDFKit.PDFDocument;
  /** False: only measure, to choose the type size before drawing. */
  draw: boolean;
  x: number;
  width: number;
}

function block(pen: Pen, y: number, text: string, font: string, size: number, label?: string): number {
  const { doc } = pen;
  const whole = label ? `${label}: ${text}` : text;
  if (!pen.draw) {
    // Measured all in bold: a little more than the bold label and plain text take, never less.
    return doc.font(label ? 'Helvetica-Bold' : font).fontSize(size).heightOfString(whole, { width: pen.width, lineGap: 0 });
  }
  doc.fontSize(size);
  if (label) {
    doc.font('Helvetica-Bold').text(`${label}: `, pen.x, y, { width: pen.width, lineGap: 0, continued: true });
    doc.font(font).text(text, { lineGap: 0 });
  } else {
    doc.font(font).text(whole, pen.x, y, { width: pen.width, lineGap: 0 });
  }
  return doc.y - y;
}

/**
 * The front: draws it, or measures it with `draw` false. `widthFactor` above 1 measures as if the
 * type were that much wider, so the browser's fallback font (DejaVu Sans is about 12% wider than
 * Helvetica) fits in the same room. Returns the height used, in points.
 */
export function walletFrontHeight(doc: PDFKit.PDFDocument, front: WalletFront, sizePt: number, options: { draw: boolean; widthFactor: number }): number {
  const inner = mm(walletLayout.widthMm - 2 * walletLayout.paddingMm);
  const pen: Pen = { doc, draw: options.draw, x: mm(walletLayout.paddingMm), width: inner / options.widthFactor };
  const gap = mm(walletType.blockGapMm);
  let y = mm(walletLayout.paddingMm);
  y += block(pen, y, front.title, 'Helvetica-Bold', sizePt * walletType.titleScale);
  y += block(pen, y, front.identity, 'Helvetica', sizePt) + gap;

  // Allergies: a heavy black border and bold type, which print on any printer; no filled box.
  const border = mm(walletType.allergyBorderMm);
  const pad = mm(walletType.allergyPadMm);
  const boxPen: Pen = { ...pen, x: pen.x + border + pad, width: pen.width - 2 * (border + pad) };
  let inside = y + border + pad;
  inside += block(boxPen, inside, 'ALLERGIES', 'Helvetica-Bold', sizePt * walletType.allergyScale);
  for (const allergy of front.allergies) inside += block(boxPen, inside, allergy, 'Helvetica-Bold', sizePt * walletType.allergyScale);
  const boxBottom = inside + pad + border;
  if (options.draw) doc.lineWidth(border).strokeColor('#000').rect(pen.x + border / 2, y + border / 2, inner - border, boxBottom - y - border).stroke();
  y = boxBottom + gap;

  for (const line of front.lines) y += block(pen, y, line.text, 'Helvetica', sizePt, line.label) + gap / 2;
  y += block(pen, y, front.footer, 'Helvetica-Bold', sizePt * 0.9);
  return y - mm(walletLayout.paddingMm);
}

/** The back: the card's code and the link's, side by side, each with its own label and room. */
export function drawWalletBack(doc: PDFKit.PDFDocument, codes: PrintoutCodes, madeOn: string): void {
  const { paddingMm, cardBoxMm, gapMm, linkBoxMm } = walletLayout;
  const left = mm(paddingMm);
  const top = mm(paddingMm);
  const size = 6;
  const cardWidth = mm(cardBoxMm);
  if (printsLargeEnough(codes.card, cardBoxMm)) drawQr(doc, codes.card, left, top, cardWidth);
  else doc.font('Helvetica-Bold').fontSize(size).text(codeWords.tooSmall, left, top, { width: cardWidth });
  doc.font('Helvetica-Bold').fontSize(size).text(codeWords.cardLabel, left, top + cardWidth + mm(1), { width: cardWidth, lineGap: 0 });

  const right = left + cardWidth + mm(gapMm);
  const linkWidth = mm(linkBoxMm);
  let y = top;
  if (codes.link && printsLargeEnough(codes.link.qr, linkBoxMm)) {
    drawQr(doc, codes.link.qr, right, top, linkWidth);
    y += linkWidth + mm(1);
    doc.font('Helvetica-Bold').fontSize(size).text(codeWords.linkLabel, right, y, { width: linkWidth, lineGap: 0 });
    doc.font('Helvetica').fontSize(size).text(codeWords.linkUntil(codes.link.until), { width: linkWidth, lineGap: 0 });
  } else {
    doc.font('Helvetica-Bold').fontSize(size).text(codes.link ? codeWords.tooSmall : codeWords.noLink, right, y, { width: linkWidth, lineGap: 0 });
  }
  doc.font('Helvetica-Bold').fontSize(size).text(`${codeWords.madeOn(madeOn)}.`, { width: linkWidth, lineGap: 0 });
}
