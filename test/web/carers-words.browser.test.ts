/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, buildWebOnce, launchBrowser } from '../support/browser.ts';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { adminEnv, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';

const haveBrowser = browserAvailable();
const phone = { viewport: { width: 360, height: 740 } };

/** Serious or critical axe findings on the page as it is now. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** What a person must never read: the test's own rules, not the portal's. */
const jargon = /\b[A-Z][a-zA-Z]+\.[a-z]|\[(x|\d+)\]|(^|[^\d ])\d{6,}([^\d ]|$)|\b(Patient|Consent|CarePlan)\/\S+|non-primitive|SHALL|invariant/;

/** The error summary and every inline error on the page, after a refused form: each summary link leads to a field that is there. */
async function problemsShown(page: Page): Promise<string[]> {
  await page.locator('.nhsuk-error-summary').waitFor();
  const words = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, ' ').trim());
  const summary = words(await page.locator('.nhsuk-error-summary li').allInnerTexts());
  const inline = words(await page.locator('.nhsuk-error-message').allInnerTexts());
  for (const href of await page.locator('.nhsuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
    expect(await page.locator(href!).count(), `the summary links to ${href}`).toBe(1);
  }
  expect(inline.length, `each problem is also beside its field: ${summary.join(' | ')}`).toBeGreaterThan(0);
  return [...summary, ...inline];
}

describe.skipIf(!haveBrowser)('carers who know whose record, and plain words (Debian chromium, 360 px)', () => {
  let svc: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite', adminEnv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('Doris follows Russell’s invitation signed out, signs up, and his record stays on screen in every tab and after signing in again; his allergy goes into his record', async () => {
    const russell = await signUp(svc.url, 'Russell', 'Evans', '1944-06-14');
    const invitation = await request(svc.url).post(`/fhir/Patient/${russell.patientId}/carer-invitations`).set(russell.auth).send({ rights: 'manage' }).expect(201);
    const context = await browser.newContext(phone);
    const page = await context.newPage();

    // The link, opened signed out: she is asked to sign in, and told the invitation waits.
    await page.goto(invitation.body.link);
    await expect.poll(() => page.getByTestId('invitation-waiting').innerText()).toMatch(/invited to help look after someone’s record/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect.poll(() => page.getByTestId('invitation-waiting').count()).toBe(1);

    // Sign-up, with her date of birth in three boxes; a date that does not exist is refused beside them.
    const email = `doris.${Date.now()}@example.org`;
    await page.getByLabel('First name').fill('Doris');
    await page.getByLabel('Last name').fill('Evans');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('1946');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Choose a password').fill('a kettle by the window');
    await page.getByRole('button', { name: 'Create my Red Bag' }).click();
    expect(await problemsShown(page)).toEqual(['Date of birth must be a real date', 'Error: Date of birth must be a real date']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Date of birth must be a real date' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('birthDate-day');
    await page.getByLabel('Day').fill('30');
    await page.getByRole('button', { name: 'Create my Red Bag' }).click();

    // The invitation is accepted for her; she is told by name, and his record is the one open.
    await page.waitForURL(/\/carers$/);
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('Done: you are now a carer for Russell Evans. You are looking after Russell Evans’s record, and you can view and change it.');
    const banner = page.getByTestId('whose-record');
    await expect.poll(() => banner.innerText()).toMatch(/^You are looking after Russell Evans’s record\. You can view and change it\. Switch/);
    expect(await page.locator('main').innerText()).not.toMatch(/Patient\//);
    expect(await accessibilityProblems(page)).toEqual([]);

    // A second tab, straight to Allergies: still his record, said at the top; the allergy goes into his.
    const tab = await context.newPage();
    await tab.goto(`${svc.url}/allergies`);
    await expect.poll(() => tab.getByTestId('whose-record').innerText()).toMatch(/^You are looking after Russell Evans’s record/);
    expect(await tab.title()).toBe('Allergies – Russell Evans – Red Bag');
    await tab.getByLabel('What is the allergy to?').selectOption({ label: 'Penicillin' });
    await tab.getByLabel('What happens?').fill('Rash all over');
    await tab.getByLabel('Dangerous: it could be life-threatening').check();
    await tab.getByRole('button', { name: 'Save allergy' }).click();
    await expect.poll(() => tab.getByRole('status').first().innerText()).toMatch(/Saved: Penicillin/);
    const his = await request(svc.url).get(`/fhir/AllergyIntolerance?patient=Patient/${russell.patientId}`).set(russell.auth).expect(200);
    expect(his.body.entry.map((e: { resource: { code: { coding: { display: string }[] } } }) => e.resource.code.coding[0]!.display)).toEqual(['Penicillin']);
    const doris = await request(svc.url).post('/auth/login').send({ email, password: 'a kettle by the window' }).expect(200);
    const herOwn = String(doris.body.patient).replace('Patient/', '');
    const hers = await request(svc.url).get(`/fhir/AllergyIntolerance?patient=Patient/${herOwn}`).set({ Authorization: `Bearer ${doris.body.access_token}` }).expect(200);
    expect(hers.body.total ?? hers.body.entry?.length ?? 0).toBe(0);

    // His home page: she became a contact in his record with no phone number, which is not "someone to call".
    await tab.goto(`${svc.url}/home`);
    // (The home page's "Start here" step 3 stays "To do" until someone has a number.)
    await expect.poll(() => tab.locator('main').innerText()).toMatch(/3\. Add who to call\s+Someone with a phone number or an email address\.\s+To do/);

    // Signed out and in again: still his record (kept for her account on this device).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/$/);
    await page.goto(`${svc.url}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a kettle by the window');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/home$/);
    await expect.poll(() => page.getByTestId('whose-record').innerText()).toMatch(/^You are looking after Russell Evans’s record/);

    // She switches to her own record by keyboard; the other tab follows at once.
    await page.getByTestId('whose-record').getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/whose-record/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('My own record').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/home$/);
    await expect.poll(() => page.getByTestId('whose-record').innerText()).toMatch(/^You are looking at your own record\./);
    await expect.poll(() => tab.getByTestId('whose-record').innerText()).toMatch(/^You are looking at your own record\./);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await context.close();
    // A dense story (sign-up, two tabs, signing out and in, switching): 46 s on a quiet 2-core machine,
    // up to 180 s when eight jobs share it, so it gets more than the default.
  }, 300_000);

  it('every form refuses bad input in plain words beside the field; pick-lists read as people speak; CPR can be “not decided yet”; dates read 14 June 1944 and are found typed any UK way', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1944-06-14');
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${svc.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const said: string[] = await problemsShown(page);
    await page.getByLabel('Email address').fill(rina.email);
    await page.getByLabel('Password').fill(rina.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/home$/);

    // Each part of the record, sent empty: every message is plain and beside its field.
    for (const path of ['/conditions', '/medicines', '/contacts', '/care-team', '/what-matters', '/support-plan', '/emergency-wishes', '/what-is-usual', '/appointments']) {
      await page.goto(`${svc.url}${path}`);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const shown = await problemsShown(page);
      said.push(...shown);
      if (path === '/medicines' || path === '/emergency-wishes') expect(await accessibilityProblems(page), path).toEqual([]);
    }
    await page.goto(`${svc.url}/allergies`);
    await page.getByRole('button', { name: 'Save allergy' }).click();
    said.push(...(await problemsShown(page)));
    await page.goto(`${svc.url}/carers`);
    await page.getByLabel('Enter the code they gave you').fill('ABCD-EFGH-JKLM');
    await page.getByRole('button', { name: 'Accept' }).click();
    said.push(...(await problemsShown(page)));
    expect(said.filter((text) => jargon.test(text))).toEqual([]);
    expect(said).toEqual(expect.arrayContaining(['Enter the name of the medicine, as it says on the box.', 'Choose their role from the list.', expect.stringMatching(/^Choose whether to try CPR/)]));

    // Pick-lists in everyday words.
    await page.goto(`${svc.url}/contacts`);
    await page.locator('#relationship option[value="NBOR"]').waitFor({ state: 'attached' });
    const relationships = await page.getByLabel('Who they are to you').locator('option').allInnerTexts();
    expect(relationships).toEqual(expect.arrayContaining(['Neighbour', 'Friend', 'Next of kin']));
    expect(relationships.join('|')).not.toMatch(/neighbor|unrelated/);
    await page.goto(`${svc.url}/allergies`);
    await expect.poll(() => page.getByLabel('What is the allergy to?').locator('option').allInnerTexts()).toContain('Anti-inflammatory painkillers (NSAIDs), such as ibuprofen or naproxen');

    // Emergency wishes: not decided yet, stored as itself and shown as not decided, on the page and in her Red Bag.
    await page.goto(`${svc.url}/emergency-wishes`);
    await page.getByLabel('Resuscitation (CPR)').selectOption({ label: 'Not decided yet' });
    await page.getByLabel('What should happen in an emergency').fill('Talk to my daughter Priya first');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('items').innerText()).toMatch(/^Not decided yet — Talk to my daughter Priya first/);
    const plans = await request(svc.url).get(`/fhir/CarePlan?patient=Patient/${rina.patientId}`).set(rina.auth).expect(200);
    expect(plans.body.entry[0].resource.activity[0].detail).toMatchObject({ status: 'not-started', code: { coding: [{ code: 'not-yet-decided' }] } });
    await page.goto(`${svc.url}/my-red-bag`);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Resuscitation\s+Resuscitation \(CPR\) not decided yet/);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Born 14 June 1944/);

    // A professional she shares with finds her by date of birth typed the UK way, and reads it the UK way.
    const team = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Riverside discharge team');
    await request(svc.url).post('/fhir/Consent').set(rina.auth).set('Content-Type', fhirJson).send(share(rina.patientId, `Organization/${team.organizationId}`, ['CarePlan'])).expect(201);
    const pro = await (await browser.newContext(phone)).newPage();
    await pro.goto(`${svc.url}/sign-in`);
    await pro.getByLabel('Email address').fill(team.email);
    await pro.getByLabel('Password').fill(team.password);
    await pro.getByRole('button', { name: 'Sign in' }).click();
    await pro.waitForURL(/\/shared-with-me$/);
    for (const typed of ['14/06/1944', '14 June 1944', '15-6-1944']) {
      await pro.getByLabel('Find someone').fill(typed);
      if (typed === '15-6-1944') await expect.poll(() => pro.locator('main').innerText()).toMatch(/No one is sharing with you who matches that/);
      else await expect.poll(() => pro.getByTestId('people').innerText()).toMatch(/^Rina Shah, born 14 June 1944/);
    }
    expect(await accessibilityProblems(pro)).toEqual([]);
    await pro.context().close();
    await context.close();
  });
});
