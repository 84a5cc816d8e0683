import PDFDocument from 'pdfkit';
import type { PrintoutContent } from './printout-content.ts';

const mm = (n: number): number => (n * 72) / 25.4;

/** The same printout as a PDF (A4 or wallet card), drawn with pdfkit; the QR code is embedded as PNG. */
export function printoutPdf(content: PrintoutContent, qrPng: Buffer, size: 'a4' | 'wallet'): Promise<Buffer> {
  const wallet = size === 'wallet';
  const doc = new PDFDocument({
    size: wallet ? [mm(85.6), mm(54)] : 'A4',
    margin: wallet ? mm(2) : mm(12),
    info: { Title: `Red Bag — ${content.name}`, Subject: 'Emergency summary', Creator: 'Red Bag' },
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const base = wallet ? 6 : 14;
  const qrSize = wallet ? mm(28) : mm(60);
  const right = doc.page.width - doc.page.margins.right - qrSize;
  doc.image(qrPng, right, doc.page.margins.top, { width: qrSize });
  doc.fontSize(base * 0.7).text(`Made on ${content.madeOn}. Scan to check it is current.`, right, doc.page.margins.top + qrSize + 2, { width: qrSize, align: 'center' });
  const width = right - doc.page.margins.left - 8;
  doc.x = doc.page.margins.left;
  doc.y = doc.page.margins.top;
  doc.font('Helvetica-Bold').fontSize(base * 1.5).text(`Red Bag: ${content.name}`, { width });
  doc.font('Helvetica').fontSize(base).text(`Born ${content.born}${content.nhsNumber ? ` · NHS number ${content.nhsNumber}` : ''}`, { width });
  const block = (title: string, lines: string[], inverse = false): void => {
    doc.moveDown(0.4);
    const top = doc.y;
    const text = lines.join('\n');
    const height = doc.font('Helvetica').fontSize(base).heightOfString(text, { width }) + base * 1.6;
    if (inverse) doc.rect(doc.page.margins.left - 2, top - 2, width + 4, height + 4).fill('#000').fillColor('#fff');
    doc.font('Helvetica-Bold').fontSize(base * 1.1).text(title, doc.page.margins.left, top, { width });
    doc.font('Helvetica').fontSize(base).text(text, { width });
    doc.fillColor('#000');
  };
  block('ALLERGIES', content.allergies, true);
  block('Resuscitation', [content.resuscitation]);
  if (!wallet) {
    block('Health problems', content.conditions.length ? content.conditions : ['None recorded']);
    block('Medicines', content.medicines.length ? content.medicines : ['None recorded']);
  }
  block('Who to call', [content.contact ?? 'No contact recorded']);
  doc.end();
  return done;
}
