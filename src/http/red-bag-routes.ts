import { Router, type Response } from 'express';
import type { CardIssuer } from '../cards/card-issuer.ts';
import type { CardRenders } from '../cards/card-renders.ts';
import type { PrintoutLinks } from '../cards/printout-link.ts';
import { RenderBusy } from '../cards/render-pool.ts';
import { FhirError } from '../fhir/errors.ts';
import { fhirJson } from './errors.ts';
import { idParam, signedInActor } from './fhir-request.ts';

/**
 * The Red Bag printout: GET /red-bag/{patientId}/print?size=a4|wallet&format=html|pdf, and the
 * code alone: GET /red-bag/{patientId}/qr.svg. Who may have them is decided, and her card's part
 * of the record read, on every request (through the record, so only what the caller may see);
 * the card is signed and drawn once per change of what it shows (card-issuer.ts, card-renders.ts)
 * and served from there. Beside the card's code, the printout's SMART Health Link to the full
 * summary (made once, then reused). When the drawing threads are full: 503 with Retry-After.
 */
export function createRedBagRouter(deps: { cards: CardIssuer; renders: CardRenders; printoutLinks: PrintoutLinks }): Router {
  const router = Router();
  router.get('/:id/print', async (req, res) => {
    const actor = signedInActor(res);
    const size = req.query.size === 'wallet' ? 'wallet' : req.query.size === undefined || req.query.size === 'a4' ? 'a4' : undefined;
    const format = req.query.format === 'pdf' ? 'pdf' : req.query.format === undefined || req.query.format === 'html' ? 'html' : undefined;
    if (!size || !format) throw new FhirError('bad-request', 'Choose size a4 or wallet, and format html or pdf.');
    deps.renders.warm();
    const card = await deps.cards.issue(actor, idParam(req));
    const link = await deps.printoutLinks.current(actor, idParam(req));
    const drawn = await orBusy(res, deps.renders.printout(card, link, size, format));
    if (drawn === undefined) return;
    res.set('Cache-Control', 'no-store');
    if (format === 'pdf') res.type('application/pdf').set('Content-Disposition', `inline; filename="red-bag-${size}.pdf"`).send(drawn);
    else res.type('html').send(drawn);
  });
  // The code alone, for showing full-screen on the person's phone.
  router.get('/:id/qr.svg', async (req, res) => {
    deps.renders.warm();
    const card = await deps.cards.issue(signedInActor(res), idParam(req), 'screen');
    const drawn = await orBusy(res, deps.renders.qrSvg(card));
    if (drawn !== undefined) res.set('Cache-Control', 'no-store').type('image/svg+xml').send(drawn);
  });
  return router;
}

/** The drawing, or undefined once a 503 saying when to try again has been sent. */
async function orBusy<T>(res: Response, drawing: Promise<T>): Promise<T | undefined> {
  try {
    return await drawing;
  } catch (err) {
    if (!(err instanceof RenderBusy)) throw err;
    const outcome = new FhirError('unavailable', 'Many printouts are being made just now. Please try again in a moment.').toOperationOutcome();
    res.status(503).set('Retry-After', String(err.retryAfterSeconds)).set('Cache-Control', 'no-store').type(fhirJson).send(JSON.stringify(outcome));
    return undefined;
  }
}
