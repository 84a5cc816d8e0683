import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle, Composition } from '@medplum/fhirtypes';
import { decodeHealthLink, decryptFile } from '../../src/cards/health-link.ts';
import { ukDateOf } from '../../src/cards/uk-date.ts';
import { postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { aishaWithFullRecord } from './printout-fixture.ts';

const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const pdfOf = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** The link printed beside the card: the address the link code holds (also the code's href on screen). */
const printedLink = (html: string): string => /<a href="([^"]*#shlink:\/[^"]+)"/.exec(html)?.[1] ?? '';

describe.each(stores)('the Red Bag printout (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  const print = (query = '') => request(svc.url).get(`/red-bag/${aisha.patientId}/print${query}`).set(aisha.auth);
  const printoutLinks = async () => (await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/health-links`).set(aisha.auth).expect(200)).body.filter((l: { label: string; revoked: boolean }) => l.label.startsWith('Printed Red Bag'));
  beforeAll(async () => {
    svc = await startService(kind);
    aisha = await aishaWithFullRecord(svc.url);
  }, 60_000);
  afterAll(async () => svc?.stop());

  it('an A4 page says her allergy in large plain words, with both codes labelled apart and the date in UK style', async () => {
    const res = await print().expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.text;
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).toMatch(/HIGH RISK: Codeine — Anaphylaxis, severe/);
    expect(html).toContain('Born 14 June 1944');
    expect(html).toContain(`Made on ${ukDateOf(new Date())}`);
    expect(html).toContain('Atrial fibrillation (since 1 March 2019)');
    expect(html).toContain('Apixaban');
    expect(html).toContain('Scan to check this card (works offline)');
    expect(html).toContain('Scan for the full Red Bag (needs internet)');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(html).toMatch(/@page \{ size: A4/);
  });

  it('the printout’s link opens her whole emergency picture without a passcode, lasts a year, and each opening is logged for her', async () => {
    const link = decodeHealthLink(printedLink((await print().expect(200)).text), new Date());
    expect(link.flag).toBe('L');
    expect(link.label).toBe(`Printed Red Bag, ${ukDateOf(new Date())}`);
    const daysLeft = (link.exp! * 1000 - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(364);
    expect(daysLeft).toBeLessThan(366);
    const manifest = await request(link.url).post('').send({ recipient: 'North West Ambulance Service crew' }).expect(200);
    const summary = JSON.parse((await decryptFile(manifest.body.files[0].embedded, link.key)).plaintext) as Bundle;
    const composition = summary.entry![0]!.resource as Composition;
    const filled = (title: string) => composition.section!.find((s) => s.title === title)?.entry?.length ?? 0;
    for (const title of ['Allergies', 'Health problems', 'Medicines', 'Emergency care and treatment plan', 'How she usually is (baseline)', 'Communication needs', 'Contacts and care team', 'What matters to me', 'Support plan']) {
      expect(filled(title), title).toBeGreaterThan(0);
    }
    const listed = await printoutLinks();
    expect(listed.at(-1).accesses.map((a: { recipient: string; outcome: string }) => `${a.recipient}: ${a.outcome}`)).toContain('North West Ambulance Service crew: opened');
  });

  it('printing again reuses the one printout link instead of opening a new door to her record each time', async () => {
    const first = printedLink((await print().expect(200)).text);
    const wallet = printedLink((await print('?size=wallet').expect(200)).text);
    expect(wallet).toBe(first);
    expect((await printoutLinks()).filter((l: { revoked: boolean }) => !l.revoked)).toHaveLength(1);
  });

  it('reporting her card lost revokes the printout’s link with it; the next printout carries a new one', async () => {
    const before = decodeHealthLink(printedLink((await print().expect(200)).text), new Date());
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(aisha.auth).set('Content-Type', fhirJson).send({ resourceType: 'Parameters' }).expect(200);
    await request(before.url).post('').send({ recipient: 'whoever found the wallet' }).expect(404);
    const after = decodeHealthLink(printedLink((await print().expect(200)).text), new Date());
    expect(after.url).not.toBe(before.url);
    await request(after.url).post('').send({ recipient: 'crew' }).expect(200);
  });

  it('a wallet card is two sides of 85.6 × 54 mm, and the PDFs of both sizes are made with both codes drawn', async () => {
    const wallet = await print('?size=wallet').expect(200);
    expect(wallet.text).toMatch(/size: 85.6mm 54mm/);
    expect(wallet.text.match(/class="side /g)).toHaveLength(2);
    for (const [size, pages] of [['a4', 1], ['wallet', 2]] as const) {
      const pdf = await print(`?size=${size}&format=pdf`).buffer(true).parse(pdfOf).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain(`/Count ${pages}`);
    }
  });

  it('a carer who may only view her record cannot print her card (only she or a carer who manages it signs one), and no link is made', async () => {
    const clare = await signUp(svc.url, 'Clare', 'Hughes', '1970-01-01');
    const code = (await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth).send({ rights: 'view' }).expect(201)).body.code;
    await request(svc.url).post('/carers/accept').set(clare.auth).send({ code }).expect(201);
    const linksBefore = (await printoutLinks()).length;
    const refused = await request(svc.url).get(`/red-bag/${aisha.patientId}/print`).set(clare.auth).expect(403);
    expect(refused.body.issue[0].details.text).toMatch(/\w/);
    expect(await printoutLinks()).toHaveLength(linksBefore);
  });

  it('is not printed for anyone else, and bad options get a clear answer', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await request(svc.url).get(`/red-bag/${aisha.patientId}/print`).set(rina.auth).expect(404);
    await request(svc.url).get(`/red-bag/${aisha.patientId}/print`).expect(401);
    const bad = await print('?size=poster').expect(400);
    expect(bad.body.issue[0].details.text).toMatch(/a4 or wallet/);
  });
});
