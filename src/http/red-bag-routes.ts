import { Router } from 'express';
import type { CardIssuer } from '../cards/card-issuer.ts';
import { toNumericQr } from '../cards/numeric-qr.ts';
import { printoutContent } from '../cards/printout-content.ts';
import { printoutHtml } from '../cards/printout-html.ts';
import { printoutPdf } from '../cards/printout-pdf.ts';
import type { PrintoutCodes } from '../cards/printout-layout.ts';
import type { PrintoutLinks } from '../cards/printout-link.ts';
import { cardQr, linkQr } from '../cards/printed-qr.ts';
import { renderQrSvg } from '../cards/qr-image.ts';
import { ukDateOf } from '../cards/uk-date.ts';
import { FhirError } from '../fhir/errors.ts';
import { idParam, signedInActor } from './fhir-request.ts';

/**
 * The Red Bag printout: GET /red-bag/{patientId}/print?size=a4|wallet&format=html|pdf, and the
 * code alone: GET /red-bag/{patientId}/qr.svg. A fresh
 * card each time, made through the record (so only what the caller may see), never cached. Beside
 * the card's code, the printout's SMART Health Link to the full summary (made once, then reused).
 */
export function createRedBagRouter(deps: { cards: CardIssuer; printoutLinks: PrintoutLinks; clock: () => Date }): Router {
  const router = Router();
  router.get('/:id/print', async (req, res) => {
    const actor = signedInActor(res);
    const size = req.query.size === 'wallet' ? 'wallet' : req.query.size === undefined || req.query.size === 'a4' ? 'a4' : undefined;
    const format = req.query.format === 'pdf' ? 'pdf' : req.query.format === undefined || req.query.format === 'html' ? 'html' : undefined;
    if (!size || !format) throw new FhirError('bad-request', 'Choose size a4 or wallet, and format html or pdf.');
    const card = await deps.cards.issue(actor, idParam(req));
    const link = await deps.printoutLinks.current(actor, idParam(req));
    const content = printoutContent(card.summary, deps.clock());
    const codes: PrintoutCodes = {
      card: cardQr(toNumericQr(card.jws)),
      ...(link ? { link: { qr: linkQr(link.viewerUrl), until: ukDateOf(link.expiresAt) } } : {}),
    };
    res.set('Cache-Control', 'no-store');
    if (format === 'pdf') {
      res.type('application/pdf').set('Content-Disposition', `inline; filename="red-bag-${size}.pdf"`).send(await printoutPdf(content, codes, size));
    } else {
      res.type('html').send(printoutHtml(content, codes, size));
    }
  });
  // The code alone, for showing full-screen on the person's phone.
  router.get('/:id/qr.svg', async (req, res) => {
    const card = await deps.cards.issue(signedInActor(res), idParam(req), 'screen');
    res.set('Cache-Control', 'no-store').type('image/svg+xml').send(await renderQrSvg(toNumericQr(card.jws)));
  });
  return router;
}
