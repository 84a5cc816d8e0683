/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, buildWebOnce, launchBrowser } from '../support/browser.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { aishaWithAllergy, issueCard } from './red-bag-fixture.ts';

const haveBrowser = browserAvailable();

const penicillin = (patientId: string) => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
  patient: { reference: `Patient/${patientId}` },
});

describe.skipIf(!haveBrowser)('the portal says when the printed Red Bag is out of date, or lost (Debian chromium)', () => {
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

  async function signIn(context: BrowserContext, who: SignedIn): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${svc.url}/sign-in`);
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/home$/);
    return page;
  }
  const serious = async (page: Page) =>
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);

  it('Aisha added penicillin after printing: her home page says what changed, and Print again makes it current', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    await issueCard(svc.url, aisha);
    await request(svc.url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(penicillin(aisha.patientId)).expect(201);

    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signIn(context, aisha);
    const warning = page.getByTestId('printed-card-warning');
    await expect.poll(() => warning.innerText()).toMatch(/The printed Red Bag is out of date[\s\S]*made on \d{1,2} \w+ \d{4}, is out of date\. Since then, an allergy was added \(Penicillin\)/);
    expect(await page.locator('main').innerText()).not.toMatch(/Your Red Bag is up to date/);
    expect(await serious(page)).toEqual([]);

    const printAgain = warning.getByRole('link', { name: 'Print again' });
    expect(await printAgain.getAttribute('href')).toBe(`/red-bag/${aisha.patientId}/print?size=a4`);
    const [printout] = await Promise.all([context.waitForEvent('page'), printAgain.click()]);
    await printout.waitForLoadState();
    expect(await printout.locator('body').innerText()).toMatch(/Penicillin/);
    await printout.close();
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(async () => (await request(svc.url).get(`/red-bag/${aisha.patientId}/card-status`).set(aisha.auth)).body.state).toBe('current');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Start here|Needs your attention|Your Red Bag is up to date/);
    expect(await warning.count()).toBe(0);
    await context.close();
  });

  it('Doris, who manages Russell’s record, sees his card is out of date and reports it lost from his Red Bag page', async () => {
    const russell = await signUp(svc.url, 'Russell', 'Moore', '1950-02-02');
    const doris = await signUp(svc.url, 'Doris', 'Moore', '1952-07-07');
    const invitation = await request(svc.url).post(`/fhir/Patient/${russell.patientId}/carer-invitations`).set(russell.auth).send({ rights: 'manage' }).expect(201);
    await request(svc.url).post('/carers/accept').set(doris.auth).send({ code: invitation.body.code }).expect(201);
    await issueCard(svc.url, russell);
    await request(svc.url).post('/fhir/AllergyIntolerance').set(doris.auth).set('Content-Type', fhirJson).send(penicillin(russell.patientId)).expect(201);

    const context = await browser.newContext();
    const page = await signIn(context, doris);
    await page.getByLabel('Whose record are you looking after?').selectOption(russell.patientId);
    await expect.poll(() => page.getByTestId('printed-card-warning').innerText()).toMatch(/an allergy was added \(Penicillin\)/);

    await page.goto(`${svc.url}/my-red-bag`);
    await page.getByRole('button', { name: 'Report lost card' }).click();
    await page.getByText('Cancel every card printed until now?').waitFor();
    expect(await serious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, cancel the card' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'cancelled' }).innerText()).toMatch(/lost card is cancelled/);
    await expect.poll(() => page.getByTestId('printed-card-warning').innerText()).toMatch(/reported lost on \d{1,2} \w+ \d{4}/);
    expect((await request(svc.url).get(`/red-bag/${russell.patientId}/card-status`).set(russell.auth).expect(200)).body.state).toBe('lost');
    await context.close();
  });
});
