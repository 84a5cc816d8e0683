import { escapeXhtml } from '../summary/narrative.ts';
import type { PrintoutContent } from './printout-content.ts';

/**
 * The Red Bag printout as one HTML page: A4 for the fridge, or a wallet-sized card. Large plain
 * text, allergies first in high contrast, so a crew can act even without scanning; the date it was
 * made and "scan to check it is current" beside the QR code.
 */
export function printoutHtml(content: PrintoutContent, qrSvg: string, size: 'a4' | 'wallet'): string {
  const e = escapeXhtml;
  const list = (items: string[], empty: string) => (items.length ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : `<p>${e(empty)}</p>`);
  const page = size === 'a4' ? '@page { size: A4; margin: 12mm; }' : '@page { size: 85.6mm 54mm; margin: 2mm; } body { font-size: 7pt; } .qr svg { width: 30mm; height: 30mm; }';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Red Bag — ${e(content.name)}</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; font-size: 16pt; color: #000; background: #fff; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 1.6em; margin: 0 0 .2em; }
  h2 { font-size: 1.1em; margin: .6em 0 .2em; border-bottom: 2px solid #000; }
  .allergies { background: #000; color: #fff; padding: .3em .5em; }
  .allergies h2 { border-color: #fff; }
  .qr { float: right; text-align: center; margin-left: 1em; font-size: .8em; }
  .qr svg { width: 60mm; height: 60mm; }
  ul { margin: 0; padding-left: 1.2em; }
  ${page}
  @media print { a { color: #000; text-decoration: none; } }
</style>
</head>
<body>
<main>
  <div class="qr" role="img" aria-label="SMART Health Card QR code">${qrSvg}<p>Made on ${e(content.madeOn)}.<br><strong>Scan to check it is current.</strong></p></div>
  <h1>Red Bag: ${e(content.name)}</h1>
  <p>Born ${e(content.born)}${content.nhsNumber ? ` · NHS number ${e(content.nhsNumber)}` : ''}</p>
  <section class="allergies"><h2>Allergies</h2>${list(content.allergies, 'Allergies not recorded — ask')}</section>
  <section><h2>Resuscitation</h2><p>${e(content.resuscitation)}</p></section>
  <section><h2>Health problems</h2>${list(content.conditions, 'None recorded')}</section>
  <section><h2>Medicines</h2>${list(content.medicines, 'None recorded')}</section>
  <section><h2>Who to call</h2><p>${e(content.contact ?? 'No contact recorded')}</p></section>
</main>
</body>
</html>
`;
}
