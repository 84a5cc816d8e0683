import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumericQr } from '../../src/cards/numeric-qr.ts';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { aishaWithAllergy, issueCard } from './red-bag-fixture.ts';

const haveBrowser = browserAvailable();

describe.skipIf(!haveBrowser)('a crew sees whether Aisha’s card is her latest (Debian chromium)', () => {
  let svc: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  async function openScanner(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${svc.url}/scan`);
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    return page;
  }
  async function paste(page: Page, jws: string): Promise<void> {
    if (!(await page.locator('#code-text').isVisible())) await page.getByText('Paste the code’s text instead').click();
    await page.fill('#code-text', toNumericQr(jws));
    await page.getByRole('button', { name: 'Check the code' }).click();
  }
  const longDate = (when: Date) => when.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

  it('an older card, after she printed a new one with a new allergy, shows amber "newer information since", not REVOKED', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const older = await issueCard(svc.url, aisha);
    await request(svc.url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send({
      resourceType: 'AllergyIntolerance',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
      patient: { reference: `Patient/${aisha.patientId}` },
    }).expect(201);
    await new Promise((r) => setTimeout(r, 1100)); // a card is known by its rid and the second it was made
    const newer = await issueCard(svc.url, aisha);

    const page = await openScanner();
    await paste(page, older);
    const banner = page.getByTestId('banner');
    await expect.poll(() => banner.innerText()).toMatch(new RegExp(`^Newer information since ${longDate(new Date())}`));
    expect(await banner.getAttribute('class')).toContain('redbag-banner--superseded');
    expect(await banner.innerText()).not.toMatch(/Revoked/);
    expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 184, 28)');
    // What the older card says is still shown (it is genuine), allergy first.
    expect(await page.locator('.redbag-allergies').innerText()).toContain('Codeine');
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('Verified, but newer information exists.');

    expect(await banner.innerText()).toMatch(/has had a newer card with different information/);
    await page.screenshot({ path: screenshotPath('scan-newer-information.png') });

    await paste(page, newer);
    await expect.poll(() => banner.innerText()).toMatch(/^Verified[\s\S]*says it shows what their record says now/);
    expect(await page.getByTestId('made-on').count()).toBe(0);
    await page.context().close();
  });

  it('a card she never printed again after adding an allergy shows amber too, not green', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const card = await issueCard(svc.url, aisha);
    await request(svc.url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send({
      resourceType: 'AllergyIntolerance',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
      patient: { reference: `Patient/${aisha.patientId}` },
    }).expect(201);
    const page = await openScanner();
    await paste(page, card);
    const banner = page.getByTestId('banner');
    await expect.poll(() => banner.innerText()).toMatch(new RegExp(`^Newer information since ${longDate(new Date())}[\\s\\S]*record has changed in what this card shows`));
    expect(await banner.getAttribute('class')).toContain('redbag-banner--superseded');
    await page.context().close();
  });

  it('offline, a genuine card shows the date it was made in large type', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const card = await issueCard(svc.url, aisha);
    const page = await openScanner();
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    await page.reload();
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    await paste(page, card);
    await expect.poll(() => page.getByTestId('banner').innerText()).toMatch(/^Verified/);
    const madeOn = page.getByTestId('made-on');
    expect(await madeOn.innerText()).toBe(`Made on ${longDate(new Date())}`);
    await page.screenshot({ path: screenshotPath('scan-offline.png') });
    const size = await madeOn.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(32);
    await page.context().close();
  });
});
