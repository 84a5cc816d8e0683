import { escapeXhtml } from '../summary/narrative.ts';
import type { PrintoutContent } from './printout-content.ts';
import { fitWalletFront } from './printout-fit.ts';
import { a4Layout, codeWords, identityLine, printsLargeEnough, walletLayout, type PrintoutCodes } from './printout-layout.ts';
import { walletType } from './printout-pdf-wallet.ts';
import { qrSvg } from './printed-qr.ts';

const e = escapeXhtml;

/**
 * The Red Bag printout as one HTML page: A4 for the fridge, or the wallet card front and back.
 * Written for any printer with the browser's default settings: nothing relies on a filled
 * background (they are dropped when "background graphics" is off), so the allergies are bold large
 * black type inside a heavy black border; the codes have a column (A4) or a side (wallet) of their
 * own so they never cover text; the date it was made is in the header and under the codes.
 */
export function printoutHtml(content: PrintoutContent, codes: PrintoutCodes, size: 'a4' | 'wallet'): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Red Bag — ${e(content.name)}</title>
<style>
  * { box-sizing: border-box; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { font-family: Arial, Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif; color: #000; background: #fff; margin: 0; }
  h1, h2, p, ul, figure { margin: 0; }
  ul { padding-left: 1.2em; }
  .allergies { border: solid #000; }
  .allergies h2, .allergies li { font-weight: bold; }
  svg { display: block; }
  a { color: #000; text-decoration: none; }
${size === 'a4' ? a4Style : walletStyle}
</style>
</head>
<body>
${size === 'a4' ? a4Body(content, codes) : walletBody(content, codes)}
</body>
</html>
`;
}

const list = (items: string[], empty: string): string => (items.length ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : `<p>${e(empty)}</p>`);

const a4Style = `
  @page { size: A4; margin: ${a4Layout.marginMm}mm; }
  body { font-size: 14pt; line-height: 1.25; max-width: 186mm; margin: 0 auto; }
  h1 { font-size: 1.6em; }
  .made { font-weight: bold; }
  .columns { display: grid; grid-template-columns: 1fr ${a4Layout.codeColumnMm}mm; gap: 4mm; margin-top: 3mm; align-items: start; }
  .allergies { border-width: 1.5mm; padding: 2mm; margin-bottom: 2mm; }
  .allergies h2 { font-size: 1.3em; }
  .allergies li { font-size: 1.15em; }
  section h2 { font-size: 1.1em; border-bottom: 1pt solid #000; margin-top: 2mm; }
  .resuscitation p { font-weight: bold; }
  .codes { font-size: 0.8em; text-align: center; }
  .codes figure + figure { margin-top: 6mm; }
  .codes svg { margin: 0 auto; }
  figcaption { margin-top: 1.5mm; }
  figcaption strong { display: block; }
  @media screen { body { padding: 4mm; } }
  @media screen and (max-width: 640px) { .columns { grid-template-columns: 1fr; } }`;

function a4Body(content: PrintoutContent, codes: PrintoutCodes): string {
  return `<main class="a4">
  <h1>Red Bag: ${e(content.name)}</h1>
  <p>${e(identityLine(content))}</p>
  <p class="made">${e(codeWords.madeOn(content.madeOn))}. Scan the code to check it is current.</p>
  <div class="columns">
    <div class="text">
      <section class="allergies"><h2>ALLERGIES</h2>${list(content.allergies, 'Allergies not recorded — ask')}</section>
      <section class="resuscitation"><h2>Resuscitation</h2><p>${e(content.resuscitation)}</p></section>
      <section><h2>Health problems</h2>${list(content.conditions, 'None recorded')}</section>
      <section><h2>Medicines</h2>${list(content.medicines, 'None recorded')}</section>
      <section><h2>Who to call</h2><p>${e(content.contact ?? 'No contact recorded')}</p></section>
    </div>
    <aside class="codes" aria-label="Codes to scan">
      <figure class="card-code">${qrSvg(codes.card, a4Layout.cardBoxMm, 'SMART Health Card code')}<figcaption><strong>${e(codeWords.cardLabel)}</strong>${e(codeWords.cardNote)} ${e(codeWords.madeOn(content.madeOn))}.</figcaption></figure>
      ${linkFigure(codes, a4Layout.linkBoxMm)}
    </aside>
  </div>
</main>`;
}

function linkFigure(codes: PrintoutCodes, boxMm: number): string {
  if (!codes.link) return `<figure class="link-code"><figcaption><strong>${e(codeWords.noLink)}</strong></figcaption></figure>`;
  if (!printsLargeEnough(codes.link.qr, boxMm)) return `<figure class="link-code"><figcaption><strong>${e(codeWords.tooSmall)}</strong></figcaption></figure>`;
  // On screen the code is also a link, so the person can check what it opens.
  const code = `<a href="${e(codes.link.qr.text)}">${qrSvg(codes.link.qr, boxMm, 'SMART Health Link code: open the full Red Bag')}</a>`;
  return `<figure class="link-code">${code}<figcaption><strong>${e(codeWords.linkLabel)}</strong>${e(codeWords.linkUntil(codes.link.until))}</figcaption></figure>`;
}

const { paddingMm, widthMm, heightMm, cardBoxMm, gapMm, linkBoxMm } = walletLayout;
const walletStyle = `
  @page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }
  body { line-height: 1.16; }
  .side { width: ${widthMm}mm; height: ${heightMm}mm; padding: ${paddingMm}mm; break-after: page; overflow: visible; }
  .side:last-child { break-after: auto; }
  @media screen { .side { outline: 1px dashed #888; margin: 4mm; } .screen-only { margin: 4mm; font-size: 12pt; max-width: 40em; } }
  @media print { .screen-only { display: none; } }
  .front h1 { font-size: ${walletType.titleScale}em; }
  .front .allergies { border-width: ${walletType.allergyBorderMm}mm; padding: ${walletType.allergyPadMm}mm; margin: ${walletType.blockGapMm}mm 0; }
  .front .allergies h2, .front .allergies li { font-size: ${walletType.allergyScale}em; }
  .front .allergies ul { list-style: none; padding: 0; }
  .front .line { margin-bottom: ${walletType.blockGapMm / 2}mm; }
  .front .footer { font-size: 0.9em; font-weight: bold; }
  .back { display: grid; grid-template-columns: ${cardBoxMm}mm ${linkBoxMm}mm; column-gap: ${gapMm}mm; font-size: 6pt; align-items: start; }
  .back figcaption { margin-top: 1mm; }
  .back figcaption strong { display: block; }`;

function walletBody(content: PrintoutContent, codes: PrintoutCodes): string {
  const { front, sizePt } = fitWalletFront(content);
  const card = printsLargeEnough(codes.card, cardBoxMm)
    ? `${qrSvg(codes.card, cardBoxMm, 'SMART Health Card code')}<figcaption><strong>${e(codeWords.cardLabel)}</strong></figcaption>`
    : `<figcaption><strong>${e(codeWords.tooSmall)}</strong> ${e(codeWords.cardLabel)}</figcaption>`;
  return `<main class="wallet">
  <p class="screen-only">Print both sides at actual size (100%, not "fit to page"): each is 85.6 × 54 mm, the size of a bank card. The codes on the back are sized to scan only at that size.</p>
  <section class="side front" style="font-size: ${sizePt}pt" aria-label="Front">
    <h1>${e(front.title)}</h1>
    <p>${e(front.identity)}</p>
    <div class="allergies"><h2>ALLERGIES</h2><ul>${front.allergies.map((a) => `<li>${e(a)}</li>`).join('')}</ul></div>
    ${front.lines.map((l) => `<p class="line"><strong>${e(l.label)}:</strong> ${e(l.text)}</p>`).join('\n    ')}
    <p class="footer">${e(front.footer)}</p>
  </section>
  <section class="side back" aria-label="Back">
    <figure class="card-code">${card}</figure>
    <div>${linkFigure(codes, linkBoxMm)}<p><strong>${e(codeWords.madeOn(content.madeOn))}.</strong></p></div>
  </section>
</main>`;
}
