import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import request from 'supertest';
import type { Actor } from '../../src/access/actor.ts';
import { createCardCache } from '../../src/cards/card-cache.ts';
import { createCardIssuer } from '../../src/cards/card-issuer.ts';
import { createCardRenders } from '../../src/cards/card-renders.ts';
import { createHealthLinkService } from '../../src/cards/health-link-service.ts';
import { createIssuerKeys } from '../../src/cards/issuer-keys.ts';
import { toNumericQr } from '../../src/cards/numeric-qr.ts';
import { createPrintoutLinks } from '../../src/cards/printout-link.ts';
import { renderJob, type RenderJob } from '../../src/cards/render-jobs.ts';
import { createRenderPool, RenderBusy } from '../../src/cards/render-pool.ts';
import { errorHandler } from '../../src/http/errors.ts';
import { createRedBagRouter } from '../../src/http/red-bag-routes.ts';
import { createLogger } from '../../src/log.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import type { PrintoutContent } from '../../src/cards/printout-content.ts';

const content: PrintoutContent = {
  name: 'Aisha Khan',
  born: '14 June 1944',
  allergies: ['HIGH RISK: Codeine — Anaphylaxis, severe'],
  resuscitation: 'Not for cardiopulmonary resuscitation',
  conditions: ['Atrial fibrillation (since 1 March 2019)', 'Type 2 diabetes mellitus'],
  medicines: ['Warfarin — as the anticoagulation clinic says'],
  contact: 'Samira Khan (daughter) — 07700 900123',
  madeOn: '30 November 2026',
};
const cardQrText = toNumericQr(`eyJhbGciOiJFUzI1NiIsInppcCI6IkRFRiJ9.${'A'.repeat(600)}.${'B'.repeat(86)}`);

describe('drawing cards on worker threads', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc?.stop());

  it('a thread draws what the event loop would, and a full pool says so at once instead of queueing', async () => {
    const pool = createRenderPool({ threads: 1, maxWaiting: 1 });
    try {
      const print: RenderJob = { kind: 'printout', size: 'a4', format: 'html', content, cardQrText, link: { url: 'https://redbag.example/scan#shlink:/abc', until: '1 June 2027' } };
      expect(await pool.run(print)).toBe(await renderJob(print));
      const qr: RenderJob = { kind: 'qr-svg', qrText: cardQrText };
      expect(await pool.run(qr)).toBe(await renderJob(qr));
      // A card too large for one code is refused in the thread as it would be here.
      await expect(pool.run({ kind: 'qr-svg', qrText: `shc:/${'5'.repeat(4000)}` })).rejects.toMatchObject({ code: 'invalid' });

      const pdf: RenderJob = { ...print, format: 'pdf' };
      const running = pool.run(pdf);
      const waiting = pool.run({ ...pdf, size: 'wallet' });
      await expect(pool.run(qr)).rejects.toBeInstanceOf(RenderBusy);
      expect(pool.load()).toEqual({ running: 1, waiting: 1 });
      expect(((await running) as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(((await waiting) as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });

  it('a printout asked for while the threads are full is answered 503 with Retry-After, and given when asked again', async () => {
    const person = await signUp(svc.url, 'Rina', 'Busy');
    const actor: Actor = { kind: 'person', accountId: 'test', patientId: person.patientId };
    const { accounts } = svc.service.stores;
    const { record, keyring } = svc.service;
    const clock = () => new Date();
    const cache = createCardCache();
    const pool = createRenderPool({ threads: 1, maxWaiting: 0 });
    const links = createHealthLinkService({ accounts, record, publicUrl: svc.url, clock });
    const app = express();
    app.use((_req, res, next) => {
      res.locals.actor = actor;
      next();
    });
    app.use('/red-bag', createRedBagRouter({
      cards: createCardIssuer({ record, keys: createIssuerKeys(accounts, keyring), accounts, publicUrl: svc.url, clock, cache }),
      renders: createCardRenders({ cache, pool }),
      printoutLinks: createPrintoutLinks({ links, publicUrl: svc.url, clock }),
    }));
    app.use(errorHandler(createLogger('silent')));
    try {
      const paths = ['a4&format=pdf', 'wallet&format=pdf', 'a4&format=html', 'wallet&format=html'].map((q) => `/red-bag/${person.patientId}/print?size=${q}`);
      const answers = await Promise.all(paths.map((path) => request(app).get(path)));
      const busy = answers.filter((a) => a.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(answers.some((a) => a.status === 200)).toBe(true);
      for (const answer of busy) {
        expect(answer.headers['retry-after']).toBe('1');
        expect(JSON.parse(answer.text)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] });
      }
      for (const path of paths) await request(app).get(path).expect(200);
      // The same card throughout: the busy answers made no card of their own.
      expect(new Set((await accounts.cardIssuesAfter(person.patientId, '')).map((c) => c.issuedAt)).size).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
