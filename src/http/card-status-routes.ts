import { Router } from 'express';
import type { CardCurrency } from '../cards/card-currency.ts';
import { FhirError } from '../fhir/errors.ts';
import { idParam, signedInActor } from './fhir-request.ts';

/**
 * Whether a Red Bag card is current. For the portal (signed in): GET /red-bag/{id}/card-status,
 * what changed since her card was made, in plain words. For scanners (anyone, CORS *):
 * GET /shc/card-status/{rid}?nbf={seconds}, whether a newer card with other contents exists.
 */
export function createCardStatusRouters(deps: { currency: CardCurrency }): { portal: Router; scanner: Router } {
  const portal = Router();
  portal.get('/:id/card-status', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.currency.status(signedInActor(res), idParam(req)));
  });

  const scanner = Router();
  scanner.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*').set('Cross-Origin-Resource-Policy', 'cross-origin').set('Cache-Control', 'no-cache');
    next();
  });
  scanner.get('/card-status/:rid', async (req, res) => {
    const rid = String(req.params.rid);
    const nbf = Number(req.query.nbf);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(rid)) throw new FhirError('bad-request', 'That is not a card’s revocation id (rid).');
    if (!Number.isInteger(nbf) || nbf < 0) throw new FhirError('bad-request', 'Give the card’s nbf (seconds since 1970) as ?nbf=….');
    res.json(await deps.currency.publicStatus(rid, nbf));
  });
  return { portal, scanner };
}
