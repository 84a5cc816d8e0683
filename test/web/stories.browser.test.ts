/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { accessibilityProblems, signInPage } from '../support/portal-pages.ts';
import { startService, type RunningService } from '../support/service.ts';
import { adminEnv, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import { waitForEmails } from '../sharing/mail-harness.ts';

const haveBrowser = browserAvailable();
/** The HL7 IPS example bundle in test/fixtures/ips (see test/fixtures/README.md). */
const ipsExample = 'bundle-minimal.json';


describe.skipIf(!haveBrowser)('the portal, as people use it (Debian chromium)', () => {
  let svc: RunningService;
  let browser: Browser;
  let work: string;
  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite', adminEnv);
    browser = await launchBrowser();
    work = mkdtempSync(join(tmpdir(), 'redbag-stories-'));
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const signIn = (context: BrowserContext, email: string, password: string): Promise<Page> => signInPage(context, svc.url, email, password);

  it('Aisha signs in, records her codeine allergy, prints her Red Bag, and a crew scans it', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signIn(context, aisha.email, aisha.password);
    await expect.poll(() => page.getByTestId('start-here').innerText()).toMatch(/0 of 5 steps done[\s\S]*1\. Record your allergies/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('home-phone.png'), fullPage: true });

    await page.getByRole('link', { name: 'Allergies', exact: true }).first().click();
    await page.getByLabel('What is the allergy to?').selectOption({ label: 'Codeine' });
    await page.getByLabel('What happens?').fill('Anaphylaxis: could not breathe');
    await page.getByLabel('Dangerous: it could be life-threatening').check(); // nothing is chosen for her
    await page.getByRole('button', { name: 'Save allergy' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Saved: Codeine/);
    expect(await page.locator('main ul').first().innerText()).toMatch(/HIGH RISK: Codeine/);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Bad input keeps what was typed and says what is wrong, next to the field.
    await page.getByLabel('What happens?').fill('Swelling');
    await page.getByRole('button', { name: 'Save allergy' }).click(); // nothing chosen or typed: what is it to?
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/There is a problem[\s\S]*Say what the allergy is to/);
    expect(await page.getByLabel('What happens?').inputValue()).toBe('Swelling');

    await page.goto(`${svc.url}/my-red-bag`);
    await expect.poll(() => page.locator('.redbag-allergies').innerText()).toContain('Codeine');
    const printout = await context.request.get(`${svc.url}/red-bag/${aisha.patientId}/print?size=a4&format=pdf`);
    expect(printout.headers()['content-type']).toBe('application/pdf');
    const svg = await (await context.request.get(`${svc.url}/red-bag/${aisha.patientId}/qr.svg`)).text();
    expect(svg).toContain('<svg');
    await page.screenshot({ path: screenshotPath('red-bag-phone.png'), fullPage: true });

    // The crew scans the code she shows: decode it with the scanner page, as a photo.
    const png = join(work, 'aisha-code.png');
    await page.getByRole('button', { name: 'Show the code full-screen' }).click();
    await page.locator('.redbag-fullscreen img').screenshot({ path: png });
    const crew = await (await browser.newContext()).newPage();
    await crew.goto(`${svc.url}/scan`);
    await crew.getByTestId('status').getByText(/^Ready/).waitFor();
    await crew.setInputFiles('#photo', png);
    await expect.poll(() => crew.getByTestId('banner').innerText()).toMatch(/^Verified/);
    expect(await crew.locator('.redbag-allergies').innerText()).toContain('Codeine');
    await crew.context().close();
    await context.close();
  });

  it('Andrew shares his plan with the hospital; the coordinator opens it and proposes a change, which he reads about and accepts; he stops sharing and she is refused', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital discharge team');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const plan = await request(svc.url).post('/fhir/CarePlan').set(andrew.auth).set('Content-Type', 'application/fhir+json')
      .send({ resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Support at home', description: 'Daughter shops on Saturdays', subject: { reference: `Patient/${andrew.patientId}` } }).expect(201);

    const his = await browser.newContext();
    const page = await signIn(his, andrew.email, andrew.password);
    await page.goto(`${svc.url}/sharing`);
    await page.getByLabel('Who do you want to share with?').selectOption({ label: 'Northgate Hospital discharge team' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Support plan, goals and what matters to me').check();
    await page.getByLabel('Contacts and care team').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('1 month').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Share my record' }).click();
    await expect.poll(() => page.getByTestId('share').first().innerText()).toMatch(/Northgate Hospital discharge team sees support plan/);
    await page.screenshot({ path: screenshotPath('sharing-desktop.png'), fullPage: true });

    const hers = await browser.newContext();
    const coordinator = await signIn(hers, hospital.email, hospital.password);
    await expect.poll(() => coordinator.getByTestId('people').innerText()).toContain('Andrew Wilson');
    await coordinator.getByRole('link', { name: 'Andrew Wilson' }).click();
    await expect.poll(() => coordinator.locator('main').innerText()).toMatch(/Support at home\s+Daughter shops on Saturdays/);
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await coordinator.screenshot({ path: screenshotPath('shared-plan-desktop.png'), fullPage: true });

    // Before he goes home she proposes a change to his support plan (through the API, as a hospital system would).
    await request(svc.url).post('/fhir/CarePlan').set(hospital.professional.auth).set('Content-Type', 'application/fhir+json')
      .send({ resourceType: 'CarePlan', status: 'draft', intent: 'proposal', title: 'Support at home after the hip', description: 'Carer visits each morning for 4 weeks; daughter shops on Saturdays', replaces: [{ reference: `CarePlan/${plan.body.id}` }], subject: { reference: `Patient/${andrew.patientId}` } }).expect(201);

    // His home page tells him what happened (the same notices went by email).
    await page.goto(`${svc.url}/home`);
    const news = page.getByRole('region', { name: 'What’s new' });
    await expect.poll(() => news.innerText()).toMatch(/Northgate Hospital discharge team can now see these parts of your record, until .*: support plan/);
    await expect.poll(() => news.innerText()).toMatch(/Northgate Hospital discharge team looked at your record for the first time/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('home-news-desktop.png'), fullPage: true });
    await expect.poll(() => news.innerText()).toMatch(/proposed a change to the support plan in your record/);
    await page.getByRole('button', { name: 'I have read these' }).click();
    await expect.poll(() => news.count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Allergies/);
    expect(await page.getByRole('region', { name: 'What’s new' }).count()).toBe(0);

    // The proposal waits for his answer; he accepts it and it becomes his plan.
    await page.getByRole('link', { name: 'A change to the support plan is waiting for an answer.' }).click();
    const proposals = page.getByRole('region', { name: 'Proposed changes waiting for your answer' });
    await expect.poll(() => proposals.innerText()).toMatch(/Support at home after the hip[\s\S]+Carer visits each morning for 4 weeks/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Accept this plan' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/You accepted “Support at home after the hip”\. It is now the support plan\./);
    await expect.poll(() => page.getByTestId('items').innerText()).toMatch(/Support at home after the hip/);
    expect(await proposals.count()).toBe(0);
    expect((await request(svc.url).get(`/fhir/CarePlan/${plan.body.id}`).set(andrew.auth).expect(200)).body.status).toBe('revoked');

    await page.goto(`${svc.url}/sharing`);
    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByRole('button', { name: 'Yes, stop sharing' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Stopped sharing with Northgate/);
    await coordinator.reload();
    await expect.poll(() => coordinator.locator('main').innerText()).toMatch(/not sharing their plan with you now/);
    await coordinator.goto(`${svc.url}/shared-with-me`);
    await expect.poll(() => coordinator.locator('main').innerText()).toMatch(/No one is sharing with you/);

    await page.goto(`${svc.url}/access-log`);
    await expect.poll(() => page.getByTestId('access-log').innerText()).toMatch(/Northgate Hospital discharge team \(Sam Patel\)/);
    await page.screenshot({ path: screenshotPath('access-log-desktop.png'), fullPage: true });
    await his.close();
    await hers.close();
  }, 300_000); // two more pages than before (check your answers, are you sure), on a busy 2-core machine

  it('Doris looks after Russell’s record: he invites her, she accepts and adds his allergy for him', async () => {
    const russell = await signUp(svc.url, 'Russell', 'Moore', '1950-02-02');
    const doris = await signUp(svc.url, 'Doris', 'Moore', '1952-07-07');
    const his = await browser.newContext();
    const page = await signIn(his, russell.email, russell.password);
    await page.goto(`${svc.url}/carers`);
    await page.getByLabel('View and change my record for me').check();
    await page.getByLabel('Their email address (optional)').fill('not an email address');
    await page.getByRole('button', { name: 'Make an invitation' }).click();
    await expect.poll(() => page.locator('#email-error').innerText()).toMatch(/Enter an email address like name@example\.org/);
    await page.getByLabel('Their email address (optional)').fill(doris.email);
    await page.getByRole('button', { name: 'Make an invitation' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(new RegExp(`We have emailed the invitation to ${doris.email.toLowerCase().replace(/\./g, '\\.')}`));
    expect(await accessibilityProblems(page)).toEqual([]);

    // She follows the link in the email.
    const [invitation] = await waitForEmails(svc, [doris.email], /Russell Moore asks you to be a carer/);
    const link = /(http:\/\/\S+\/carers\/accept\?code=\S+)/.exec(invitation!.text)![1]!;
    const hers = await browser.newContext();
    const carer = await signIn(hers, doris.email, doris.password);
    await carer.goto(link);
    await carer.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => carer.getByRole('status').first().innerText()).toMatch(/Done/);
    await carer.goto(`${svc.url}/home`);
    await carer.getByLabel('Whose record are you looking after?').selectOption({ label: 'Russell Moore (you manage it)' });
    await expect.poll(() => carer.locator('h1').innerText()).toBe('Russell Moore’s Red Bag');
    await carer.getByRole('link', { name: 'Allergies', exact: true }).first().click();
    await carer.getByLabel('What is the allergy to?').selectOption({ label: 'Penicillin' });
    await carer.getByLabel('What happens?').fill('Rash all over');
    await carer.getByLabel('Dangerous: it could be life-threatening').check(); // nothing is chosen for him
    await carer.getByRole('button', { name: 'Save allergy' }).click();
    await expect.poll(() => carer.getByRole('status').first().innerText()).toMatch(/Saved: Penicillin/);
    const allergies = await request(svc.url).get(`/fhir/AllergyIntolerance?patient=Patient/${russell.patientId}`).set(russell.auth).expect(200);
    expect(allergies.body.total).toBe(1);
    await page.goto(`${svc.url}/carers`);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Doris Moore — can view and change it/);
    await his.close();
    await hers.close();
  });

  it('Rina keeps all her information and appointments in one place: adds, changes and removes, and sees tomorrow’s appointment on her home page', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    const context = await browser.newContext();
    const page = await signIn(context, rina.email, rina.password);
    const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = () => expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Saved|Changes saved/);

    await page.goto(`${svc.url}/conditions`);
    await page.getByLabel('Condition', { exact: true }).selectOption({ label: 'Asthma' });
    await save();
    await saved();
    await page.goto(`${svc.url}/medicines`);
    await page.getByLabel('Medicine').fill('Salbutamol inhaler');
    await page.getByLabel('How you take it').fill('Two puffs when breathless');
    await save();
    await saved();
    await page.getByRole('button', { name: /^Change Salbutamol/ }).click();
    await page.getByLabel('How you take it').fill('Two puffs up to four times a day');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByTestId('items').innerText()).toMatch(/Salbutamol inhaler — Two puffs up to four times a day/);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.goto(`${svc.url}/contacts`);
    await page.getByLabel('Name').fill('Priya Shah');
    await page.getByLabel('Who they are to you').selectOption({ label: 'Emergency contact' });
    await save();
    // An emergency contact needs a way to reach her: the server says so, next to the form.
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/There is a problem/);
    expect(await page.getByLabel('Name').inputValue()).toBe('Priya Shah');
    await page.getByLabel('Phone number').fill('07700 900123');
    await save();
    await saved();

    await page.goto(`${svc.url}/what-matters`);
    await page.getByLabel('In your own words').fill('Keeping on top of my appointments');
    await save();
    await saved();
    await page.getByRole('button', { name: /^Remove Keeping/ }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Nothing written yet/);

    const tomorrow = new Date(Date.now() + 86_400_000);
    await page.goto(`${svc.url}/appointments`);
    await page.getByLabel('What and where').fill('Asthma review, Riverside Surgery');
    await page.getByLabel('When').fill(`${tomorrow.toISOString().slice(0, 10)}T10:30`);
    await save();
    await saved();
    await page.goto(`${svc.url}/home`);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Appointment tomorrow: Asthma review, Riverside Surgery/);
    await page.screenshot({ path: screenshotPath('home-attention-desktop.png'), fullPage: true });
    await context.close();
  });

  it('Aisha records her emergency wishes, what is usual for her, her care team and support plan, and her Red Bag shows them', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Two', '1945-03-02');
    const context = await browser.newContext();
    const page = await signIn(context, aisha.email, aisha.password);
    const fill = async (path: string, values: Array<[string, string, 'select' | 'fill']>) => {
      await page.goto(`${svc.url}${path}`);
      for (const [label, value, how] of values) {
        if (how === 'select') await page.getByLabel(label, { exact: true }).selectOption({ label: value });
        else await page.getByLabel(label, { exact: true }).fill(value);
      }
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Saved/);
      expect(await accessibilityProblems(page)).toEqual([]);
    };
    await fill('/emergency-wishes', [['Resuscitation (CPR)', 'Not for CPR: if the heart stops, do not try to restart it', 'select'], ['What should happen in an emergency', 'Treat in hospital if needed; tell my daughter Samira at once', 'fill']]);
    await fill('/what-is-usual', [['About', 'Usual mobility', 'select'], ['What is usual', 'Walks with a frame indoors', 'fill']]);
    await fill('/care-team', [['Name', 'Riverside Surgery', 'fill'], ['Role', 'GP (family doctor)', 'select']]);
    await fill('/support-plan', [['Who helps with what', 'Home carer helps me wash and dress', 'fill'], ['When', 'Every morning at 8', 'fill']]);
    await page.goto(`${svc.url}/my-red-bag`);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Resuscitation\s+Not for cardiopulmonary resuscitation/);
    await context.close();
  });

  it('a home-care worker raises a concern about Andrew; he imports a summary from his GP system and downloads his record', async () => {
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    // Born the same day as the person in the IPS example, so its summary can be added to his record.
    const andrew = await signUp(svc.url, 'Andrew', 'Three', '1972-05-01');
    await request(svc.url).post('/fhir/Consent').set(andrew.auth).set('Content-Type', 'application/fhir+json')
      .send(share(andrew.patientId, `Organization/${homeCare.organizationId}`, ['CarePlan', 'Flag', 'Communication'], { actions: ['access', 'collect'] })).expect(201);
    const worker = await signIn(await browser.newContext(), homeCare.email, homeCare.password);
    await worker.getByRole('link', { name: 'Andrew Three' }).click();
    await worker.getByLabel('A concern for the care team').check();
    await worker.getByLabel('What happened').fill('Andrew seemed confused this morning and had not eaten');
    await worker.getByRole('button', { name: 'Raise the concern' }).click();
    await expect.poll(() => worker.getByRole('status').first().innerText()).toMatch(/Concern raised/);
    const flags = await request(svc.url).get(`/fhir/Flag?patient=Patient/${andrew.patientId}`).set(andrew.auth).expect(200);
    expect(flags.body.entry[0].resource.code.text).toMatch(/confused this morning/);
    await worker.context().close();

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signIn(context, andrew.email, andrew.password);
    await page.goto(`${svc.url}/import-and-download`);
    await page.setInputFiles('#ips', new URL(`../fixtures/ips/${ipsExample}`, import.meta.url).pathname);
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Added \d+ entries/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Your whole record/ }).click();
    const file = await (await download).path();
    const record = JSON.parse(readFileSync(file!, 'utf8'));
    expect(record.resourceType).toBe('Bundle');
    expect(record.entry.some((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'AllergyIntolerance')).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('works by keyboard alone, at 200% zoom and 360 px without sideways scrolling, keeps what was typed when the network fails, and offers easy read', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Keys', '1945-03-02');
    // Keyboard only: sign in and record an allergy without the mouse.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${svc.url}/sign-in`);
    await page.locator('h1').waitFor();
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40 && !(await page.locator(selector).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      expect(await page.locator(selector).evaluate((el) => el === document.activeElement)).toBe(true);
    };
    await tabTo('#email');
    await page.keyboard.type(aisha.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(aisha.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/home$/);
    await page.goto(`${svc.url}/allergies`);
    await page.locator('#pick').waitFor();
    await tabTo('#pick');
    await page.keyboard.press('ArrowDown'); // the first allergen in the list
    await tabTo('#reaction');
    await page.keyboard.type('Rash');
    // How serious: nothing is chosen for her, so she chooses, by keyboard too.
    await tabTo('#severe-high');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^Saved: /);

    // Change it, then lose the network while saving: nothing typed is lost, and the message says what to do.
    await page.getByRole('button', { name: /^Change / }).click();
    await page.getByLabel('What happens?').fill('Rash and swelling');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Save allergy' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/could not reach Red Bag[\s\S]*Nothing you typed has been lost/);
    // Even a reload while offline (the browser shows its own offline page: only /scan and the app's files are
    // kept for offline use) loses nothing: the draft stays in this tab and is back when the page opens online.
    await page.reload().catch(() => undefined);
    await context.setOffline(false);
    await page.goto(`${svc.url}/allergies`);
    // Wait for the form itself (the page loads its code and asks who is signed in first), then the draft must
    // already be in it: it is read from this tab's storage when the form is drawn, not fetched later.
    const reaction = page.getByLabel('What happens?');
    await reaction.waitFor();
    expect(await reaction.inputValue()).toBe('Rash and swelling');
    await page.getByRole('button', { name: 'Save allergy' }).click();
    await expect.poll(() => page.locator('main ul').first().innerText()).toMatch(/Rash and swelling/);

    // 200% zoom (a 1280 px window shows 640 CSS px) and a 360 px phone: no page scrolls sideways.
    for (const width of [640, 360]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of ['/home', '/allergies', '/my-red-bag', '/sharing', '/access-log', '/carers', '/medicines', '/scan']) {
        await page.goto(`${svc.url}${path}`);
        await page.locator('h1').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
        if (width === 360) expect(await accessibilityProblems(page), path).toEqual([]);
      }
    }

    // Easy read has pages of its own, tested in easy-read.browser.test.ts.
    await context.close();
  });

  it('the start and sign-in pages pass axe at phone width and are usable without an account', async () => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    for (const path of ['/', '/sign-in', '/register']) {
      await page.goto(`${svc.url}${path}`);
      await page.locator('h1').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
    }
    await page.screenshot({ path: screenshotPath('register-phone.png'), fullPage: true });
    writeFileSync(join(work, 'done'), '');
    await page.context().close();
  });
});
