import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { demoPeople } from '../../src/demo/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';

describe('the Red Bag printout', () => {
  let svc: RunningService;
  let auth: { Authorization: string };
  let patient: string;
  beforeAll(async () => {
    svc = await startService('sqlite', { DEMO_DATA: 'on' });
    const aisha = demoPeople(new Date()).find((p) => p.name.given === 'Aisha')!;
    const login = await request(svc.url).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200);
    auth = { Authorization: `Bearer ${login.body.access_token}` };
    patient = String(login.body.patient).split('/')[1]!;
  });
  afterAll(async () => svc?.stop());

  it('an A4 page says her allergy in large plain words, with the QR code, the date and "scan to check it is current"', async () => {
    const res = await request(svc.url).get(`/red-bag/${patient}/print`).set(auth).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.text;
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).toMatch(/HIGH RISK: Codeine — Anaphylaxis, severe/);
    expect(html).toMatch(/Scan to check it is current/);
    expect(html).toContain(`Made on ${new Date().toISOString().slice(0, 10)}`);
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toMatch(/Samira Khan \(daughter, Next-of-Kin\) — 07700 900123/);
    expect(html).toMatch(/@page \{ size: A4/);
  });

  it('a wallet card and PDFs of both sizes are made', async () => {
    const wallet = await request(svc.url).get(`/red-bag/${patient}/print?size=wallet`).set(auth).expect(200);
    expect(wallet.text).toMatch(/size: 85.6mm 54mm/);
    for (const size of ['a4', 'wallet']) {
      const pdf = await request(svc.url).get(`/red-bag/${patient}/print?size=${size}&format=pdf`).set(auth).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
    }
  });

  it('is not printed for anyone else, and bad options get a clear answer', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await request(svc.url).get(`/red-bag/${patient}/print`).set(rina.auth).expect(404);
    await request(svc.url).get(`/red-bag/${patient}/print`).expect(401);
    const bad = await request(svc.url).get(`/red-bag/${patient}/print?size=poster`).set(auth).expect(400);
    expect(bad.body.issue[0].details.text).toMatch(/a4 or wallet/);
  });
});
