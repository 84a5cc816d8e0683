import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumericQr } from '../../src/cards/numeric-qr.ts';
import { renderQrPng } from '../../src/cards/qr-image.ts';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { writeQrVideo } from '../support/fake-camera.ts';
import { startService, type RunningService } from '../support/service.ts';
import { fullestRecord } from '../support/fullest-record.ts';
import { aishaWithAllergy, issueCard, personWithRecord } from './red-bag-fixture.ts';

const haveBrowser = browserAvailable();

describe.skipIf(!haveBrowser)('a crew scans Aisha’s Red Bag at /scan (Debian chromium)', () => {
  let svc: RunningService;
  let browser: Browser;
  let work: string;

  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite');
    browser = await launchBrowser();
    work = mkdtempSync(join(tmpdir(), 'redbag-scan-'));
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  async function openScanner(b: Browser = browser, options = {}): Promise<Page> {
    const context = await b.newContext(options);
    const page = await context.newPage();
    await page.goto(`${svc.url}/scan`);
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    return page;
  }

  it('a photo of her QR code shows VERIFIED and her codeine allergy first', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const photo = join(work, 'aisha.png');
    writeFileSync(photo, await renderQrPng(toNumericQr(await issueCard(svc.url, aisha))));
    const page = await openScanner();
    await page.setInputFiles('#photo', photo);
    await expect.poll(() => page.getByTestId('banner').innerText(), { timeout: 10_000 }).toMatch(/^Verified/);
    const allergies = page.locator('.redbag-allergies');
    await expect.poll(() => allergies.innerText(), { timeout: 10_000 }).toMatch(/Codeine.*Anaphylaxis/s);
    // Allergies come before everything else on the page.
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.indexOf('Allergies')).toBeLessThan(headings.indexOf('Resuscitation'));
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('kept-scan')))).toEqual([]);
    await page.context().close();
  });

  it('a card that could not hold her medicines says so beside Medicines, in words, never “None listed”', async () => {
    const aisha = await personWithRecord(svc.url, fullestRecord('{{patient}}'));
    const photo = join(work, 'fullest.png');
    writeFileSync(photo, await renderQrPng(toNumericQr(await issueCard(svc.url, aisha))));
    const page = await openScanner();
    await page.setInputFiles('#photo', photo);
    // A version-22 code: the busiest a card gets, so give the decoder time on a busy machine.
    await expect.poll(() => page.getByTestId('banner').innerText(), { timeout: 15_000 }).toMatch(/^Verified/);
    // The warning sits inside the Medicines section, right under its heading: not at the foot of the page.
    const medicines = page.locator('section[data-section="medicines"]');
    await expect.poll(() => medicines.getByTestId('section-warning').innerText(), { timeout: 5_000 }).toMatch(/Not on this card — open the Red Bag link or ask/);
    expect(await medicines.locator('h2 + *').getAttribute('data-testid')).toBe('section-warning');
    expect(await page.locator('main').innerText()).not.toMatch(/None listed|No contact on this code/);
    expect(await page.locator('.redbag-allergies').innerText()).toMatch(/Codeine[\s\S]*Penicillin[\s\S]*Peanut[\s\S]*Latex/);
    await page.screenshot({ path: screenshotPath('scan-not-on-card.png'), fullPage: true });
    await page.context().close();
  });

  it('the camera reads the code (a fake camera playing the QR code) and shows the allergy banner', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const video = join(work, 'camera.y4m');
    writeQrVideo(video, toNumericQr(await issueCard(svc.url, aisha)));
    const cameraBrowser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const page = await openScanner(cameraBrowser, { permissions: ['camera'] });
      await page.getByRole('button', { name: 'Scan with the camera' }).click();
      await expect.poll(() => page.getByTestId('banner').innerText()).toMatch(/^Verified/);
      expect(await page.locator('.redbag-allergies').innerText()).toContain('Codeine');
    } finally {
      await cameraBrowser.close();
    }
  });

  it('a changed card says NOT VERIFIED with the reason; a revoked one says REVOKED', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const jws = await issueCard(svc.url, aisha);
    const [header, payload, signature] = jws.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`;
    const page = await openScanner();
    await page.getByText('Paste the code’s text instead').click();
    await page.fill('#code-text', toNumericQr(tampered));
    await page.getByRole('button', { name: 'Check the code' }).click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toMatch(/^Not verified[\s\S]*signature does not match/);
    await page.screenshot({ path: screenshotPath('scan-not-verified.png') });

    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(aisha.auth).expect(200);
    await page.fill('#code-text', toNumericQr(jws));
    await page.getByRole('button', { name: 'Check the code' }).click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toMatch(/^Revoked/);
    await page.screenshot({ path: screenshotPath('scan-revoked.png') });
    await page.context().close();
  });

  it('a Red Bag link asks for the passcode, counts wrong tries, then shows her allergy', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const made = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/health-links`).set(aisha.auth).send({ label: 'Aisha’s Red Bag', expiresAt, passcode: 'knitting-42' }).expect(201);
    const page = await openScanner();
    await page.getByText('Paste the code’s text instead').click();
    await page.fill('#code-text', made.body.shlink);
    await page.getByRole('button', { name: 'Check the code' }).click();
    await page.getByLabel('Passcode', { exact: true }).waitFor();
    await page.getByLabel('Passcode', { exact: true }).fill('not-this');
    await page.getByRole('button', { name: 'Open the summary' }).click();
    // Each passcode is checked with scrypt on the server: slow on a busy machine.
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 15_000 }).toMatch(/tries left/);
    await page.getByLabel('Passcode', { exact: true }).fill('knitting-42');
    await page.getByRole('button', { name: 'Open the summary' }).click();
    await expect.poll(() => page.locator('.redbag-allergies').first().innerText(), { timeout: 15_000 }).toContain('Codeine');
    await page.context().close();
  });

  it('once opened online, the scanner opens and verifies a card with no network at all', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const photo = join(work, 'offline.png');
    writeFileSync(photo, await renderQrPng(toNumericQr(await issueCard(svc.url, aisha))));
    const page = await openScanner();
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    await page.reload(); // now under the service worker, which keeps the page's files
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    await page.setInputFiles('#photo', photo);
    await expect.poll(() => page.getByTestId('banner').innerText()).toMatch(/^Verified/);
    expect(await page.locator('.redbag-allergies').innerText()).toContain('Codeine');
    await page.context().close();
  });

  it('has no serious or critical accessibility problems (axe), before and after a scan, at phone width', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const page = await openScanner(browser, { viewport: { width: 360, height: 740 } });
    const serious = async () => (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(await serious()).toEqual([]);
    await page.getByText('Paste the code’s text instead').click();
    await page.fill('#code-text', toNumericQr(await issueCard(svc.url, aisha)));
    await page.getByRole('button', { name: 'Check the code' }).click();
    await expect.poll(() => page.getByTestId('banner').innerText()).toMatch(/^Verified/);
    expect(await serious()).toEqual([]);
    await page.screenshot({ path: screenshotPath('scan-verified-phone.png'), fullPage: true });
    await page.context().close();
  });
});
