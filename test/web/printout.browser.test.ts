import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukDateOf } from '../../src/cards/uk-date.ts';
import { aishaWithFullRecord } from '../cards/printout-fixture.ts';
import { browserAvailable, buildWebOnce, launchBrowser } from '../support/browser.ts';
import type { SignedIn } from '../support/people.ts';
import { blackRunLeftOf, inkIn, overlaps, pdfPages, pdfText, pdfWords, popplerAvailable, readCodes, renderPage, savePng, type PageImage } from '../support/paper.ts';
import { startService, type RunningService } from '../support/service.ts';

const haveTools = browserAvailable() && popplerAvailable();
/** Set PRINTOUT_PICTURES to a folder to keep the rendered pages for a person to look at. */
const pictures = process.env.PRINTOUT_PICTURES;

/** What the crew must be able to read on every printout, written here and not taken from the code under test. */
const today = ukDateOf(new Date());
const problems = ['Atrial fibrillation', 'Type 2 diabetes mellitus', 'Chronic obstructive lung disease', 'Hypertensive disorder', 'Fracture of neck of femur', 'Alzheimer disease', 'Chronic kidney disease'];
const medicines = ['Metformin', 'Salbutamol', 'Amlodipine', 'Paracetamol', 'Warfarin', 'Atorvastatin', 'Omeprazole', 'Apixaban'];
const mustSay = [
  'HIGH RISK: Codeine — Anaphylaxis, severe',
  'Penicillin — Rash',
  'Not for cardiopulmonary resuscitation',
  'Born 14 June 1944',
  `Made on ${today}`,
  ...problems,
  ...medicines,
  'Samira Khan (daughter, Next-of-Kin) — 07700 900123',
  'Scan to check this card (works offline)',
  'Scan for the full Red Bag (needs internet)',
];
/** The A4 sheet has room for the details too: when, and how much. */
const a4AlsoSays = ['Atrial fibrillation (since 1 March 2019)', 'Type 2 diabetes mellitus (since June 2015)', 'Apixaban — 5 mg twice a day (anticoagulant)'];

describe.skipIf(!haveTools)('the Red Bag printouts on paper (Debian chromium, poppler)', () => {
  let svc: RunningService;
  let browser: Browser;
  let aisha: SignedIn;
  let work: string;
  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite');
    aisha = await aishaWithFullRecord(svc.url);
    browser = await launchBrowser();
    work = mkdtempSync(join(tmpdir(), 'redbag-paper-'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  /** The HTML printout printed by Chromium as a person would: its own page size, background graphics as chosen. */
  async function printedByBrowser(size: 'a4' | 'wallet', backgrounds: boolean): Promise<string> {
    const context = await browser.newContext({ extraHTTPHeaders: aisha.auth });
    const page = await context.newPage();
    await page.goto(`${svc.url}/red-bag/${aisha.patientId}/print?size=${size}`);
    const pdf = join(work, `${size}-${backgrounds ? 'backgrounds' : 'plain'}.pdf`);
    writeFileSync(pdf, await page.pdf({ printBackground: backgrounds, preferCSSPageSize: true }));
    await context.close();
    return pdf;
  }
  async function madeAsPdf(size: 'a4' | 'wallet'): Promise<string> {
    const res = await fetch(`${svc.url}/red-bag/${aisha.patientId}/print?size=${size}&format=pdf`, { headers: aisha.auth });
    expect(res.status).toBe(200);
    const pdf = join(work, `${size}-pdfkit.pdf`);
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    return pdf;
  }
  const keep = (image: PageImage, name: string): void => {
    if (pictures) savePng(image, join(pictures, `${name}.png`));
  };

  /** The allergies are black ink in print: bold dark words inside a heavy black border. */
  function expectAllergiesInDarkInk(pdf: string, image: PageImage, page: number): void {
    const words = pdfWords(pdf).filter((w) => w.page === page);
    const codeine = words.find((w) => w.text === 'Codeine');
    const heading = words.find((w) => w.text === 'ALLERGIES');
    expect(codeine && heading, 'the allergy words are on the page').toBeTruthy();
    const ink = inkIn(image, codeine!);
    expect(ink.darkest, 'the darkest pixel of "Codeine"').toBeLessThan(60);
    expect(ink.darkShare, 'share of dark pixels in "Codeine"').toBeGreaterThan(0.15);
    const middle = (heading!.yMin + heading!.yMax) / 2;
    expect(blackRunLeftOf(image, middle, heading!.xMin - 1, 30), 'the border left of ALLERGIES, in mm').toBeGreaterThanOrEqual(0.5);
  }

  /** Both codes read back: the card's (shc:/) and the link's (…#shlink:/), each at least 0.4 mm a module and clear of every word. */
  async function expectTwoReadableCodesClearOfText(pdf: string, image: PageImage, page: number): Promise<void> {
    const codes = await readCodes(image);
    expect(codes.map((c) => (c.text.startsWith('shc:/') ? 'card' : /#shlink:\//.test(c.text) ? 'link' : c.text)).sort()).toEqual(['card', 'link']);
    expect(codes.find((c) => c.text.startsWith('shc:/'))!.text).toMatch(/^shc:\/\d+$/);
    expect(codes.find((c) => c.text.includes('shlink:/'))!.text.startsWith(`${svc.url}/scan#shlink:/`)).toBe(true);
    for (const code of codes) expect(code.moduleMm, `module size of the ${code.text.slice(0, 8)} code`).toBeGreaterThanOrEqual(0.4);
    const covered = pdfWords(pdf).filter((w) => w.page === page && codes.some((c) => overlaps(w, c.box)));
    expect(covered.map((w) => w.text), 'words under a code or in its quiet zone').toEqual([]);
  }

  it.each([false, true])('the A4 sheet printed from Chromium (background graphics %s) reads correctly: allergies in dark ink, both codes readable and clear of the text, dates in UK style', async (backgrounds) => {
    const pdf = await printedByBrowser('a4', backgrounds);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.widthMm).toBeCloseTo(210, 0);
    const text = pdfText(pdf);
    for (const phrase of [...mustSay, ...a4AlsoSays]) expect(text).toContain(phrase);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const image = renderPage(pdf, 1, 300, work);
    keep(image, `a4-${backgrounds ? 'backgrounds' : 'plain'}`);
    expectAllergiesInDarkInk(pdf, image, 1);
    await expectTwoReadableCodesClearOfText(pdf, image, 1);
  }, 60_000);

  it.each([false, true])('the wallet card printed from Chromium (background graphics %s) is one card of 85.6 × 54 mm, front and back, and says everything the crew needs', async (backgrounds) => {
    const pdf = await printedByBrowser('wallet', backgrounds);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page.widthMm).toBeCloseTo(85.6, 0);
      expect(page.heightMm).toBeCloseTo(54, 0);
    }
    const text = pdfText(pdf);
    for (const phrase of mustSay) expect(text).toContain(phrase);
    expect(text).toContain('Resuscitation: Not for cardiopulmonary resuscitation');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const front = renderPage(pdf, 1, 300, work);
    const back = renderPage(pdf, 2, 300, work);
    keep(front, `wallet-front-${backgrounds ? 'backgrounds' : 'plain'}`);
    keep(back, `wallet-back-${backgrounds ? 'backgrounds' : 'plain'}`);
    expectAllergiesInDarkInk(pdf, front, 1);
    await expectTwoReadableCodesClearOfText(pdf, back, 2);
  }, 60_000);

  it.each(['a4', 'wallet'] as const)('the %s PDF says the same as the HTML printout, in dark ink, with both codes readable', async (size) => {
    const pdf = await madeAsPdf(size);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(size === 'a4' ? 1 : 2);
    const text = pdfText(pdf);
    for (const phrase of size === 'a4' ? [...mustSay, ...a4AlsoSays] : mustSay) expect(text).toContain(phrase);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Word by word, each as poppler finds it on the page: where a line breaks does not matter.
    const words = (file: string) => new Set(pdfWords(file).map((w) => w.text));
    const fromHtml = words(await printedByBrowser(size, false));
    const fromPdf = words(pdf);
    expect([...fromHtml].filter((w) => !fromPdf.has(w)), 'words of the HTML printout missing from the PDF').toEqual([]);
    expect([...fromPdf].filter((w) => !fromHtml.has(w)), 'words of the PDF missing from the HTML printout').toEqual([]);
    const first = renderPage(pdf, 1, 300, work);
    keep(first, `${size}-pdfkit-1`);
    expectAllergiesInDarkInk(pdf, first, 1);
    const withCodes = size === 'a4' ? first : renderPage(pdf, 2, 300, work);
    if (size === 'wallet') keep(withCodes, 'wallet-pdfkit-2');
    await expectTwoReadableCodesClearOfText(pdf, withCodes, size === 'a4' ? 1 : 2);
  }, 60_000);

  it('a crew’s phone camera opens the printed link code: the scanner shows her whole emergency picture, and the opening is in her list of links', async () => {
    const pdf = await printedByBrowser('wallet', false);
    const link = (await readCodes(renderPage(pdf, 2, 300, work))).find((c) => c.text.includes('#shlink:/'))!.text;
    const crew = await (await browser.newContext()).newPage();
    await crew.goto(link);
    // The scanner fetches its keys, then the link: give a busy machine time.
    await expect.poll(() => crew.getByTestId('banner').innerText(), { timeout: 20_000 }).toContain(`Red Bag link: Printed Red Bag, ${today}`);
    await expect.poll(() => crew.locator('.redbag-allergies').innerText(), { timeout: 20_000 }).toContain('Codeine');
    // The whole emergency picture, not only what the card holds.
    const opened = await crew.locator('main').innerText();
    for (const said of ['Apixaban', 'Treat in hospital if needed; tell my daughter Samira at once', 'Walks with a frame indoors', 'Speak slowly and face her: she lip-reads', 'Dr Patel, Northgate Surgery', 'Get back to my knitting class on Thursdays', 'Home care visit every morning to help me wash and dress']) {
      expect(opened).toContain(said);
    }
    await crew.context().close();
    const links = (await (await fetch(`${svc.url}/fhir/Patient/${aisha.patientId}/health-links`, { headers: aisha.auth })).json()) as Array<{ label: string; accesses: Array<{ outcome: string }> }>;
    expect(links.find((l) => l.label.startsWith('Printed Red Bag'))!.accesses.map((a) => a.outcome)).toContain('opened');
  }, 60_000);
});
