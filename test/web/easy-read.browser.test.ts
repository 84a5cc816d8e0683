/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { startService, type RunningService } from '../support/service.ts';
import { adminEnv, organisationWithProfessional, signUp } from '../sharing/sharing-harness.ts';

const haveBrowser = browserAvailable();

async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Every control a finger can hit on the page that is smaller than 44 × 44 CSS px (the skip link shows only on focus). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea'))
      .filter((e) => !e.classList.contains('nhsuk-skip-link') && e.getClientRects().length > 0)
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ e, r }) => `${e.tagName} "${(e.textContent || e.getAttribute('aria-label') || e.id).trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

/** What was passed to speechSynthesis.speak on this page (a stub: no sound, just the words). */
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);

describe.skipIf(!haveBrowser)('easy read, as Aisha uses it on her phone (Debian chromium)', () => {
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

  it('switched on, every page is its own easy read: she adds an allergy one question a page, hears it read, says her wishes, adds a medicine, shares and stops sharing', async () => {
    await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    // The browser's voice, replaced on the page by a stub that keeps what it was asked to say.
    await context.addInitScript(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => { w.spoken.push(u.text); };
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000); // a missing button fails here, with its name, not at the test's end
    await page.goto(`${svc.url}/`);
    await page.getByRole('button', { name: 'Easy read off' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Red Bag');

    // She makes her Red Bag one thing a page; a birthday that is not a real date is explained, not refused in code.
    await page.getByRole('link', { name: 'Make a new Red Bag' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByLabel('First name').fill('Aisha');
    await page.getByLabel('Last name').fill('Khan');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('When is your birthday?');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('1945');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Please write the day, month and year you were born.');
    await page.getByLabel('Day').fill('2');
    await page.getByLabel('Month').fill('3');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Email').fill(`aisha.easy.${Date.now()}@example.org`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Make my Red Bag' }).click();

    // Home: what to do next first, then five big buttons, not fifteen links.
    await expect.poll(() => page.locator('h1').innerText()).toBe('Hello Aisha');
    const me = (await (await context.request.get(`${svc.url}/auth/me`)).json()) as { patient: string };
    expect(me).toMatchObject({ name: { given: 'Aisha', family: 'Khan' } });
    expect(await (await context.request.get(`${svc.url}/fhir/${me.patient}`)).json()).toMatchObject({ birthDate: '1945-03-02' });
    const stored = async (query: string) => (await (await context.request.get(`${svc.url}/fhir/${query}`)).json()) as { entry: { resource: Record<string, unknown> }[] };
    await expect.poll(() => page.locator('main').innerText()).toContain('Tell us if you have allergies.');
    expect(await page.locator('main a, main button').count()).toBeLessThanOrEqual(12);
    expect(await page.locator('main svg[aria-hidden="true"]').count()).toBeGreaterThan(5);
    expect(await page.locator('main svg:not([aria-hidden="true"])').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await expect.poll(() => smallTargets(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('easy-read-home-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Read this to me' }).click();
    expect((await spoken(page))[0]).toMatch(/^Hello Aisha\. Red Bag keeps the main facts about your health in one place\./);
    expect(await page.getByRole('button', { name: 'Stop reading' }).count()).toBe(1);

    // An allergy, one thing a page.
    await page.getByRole('link', { name: 'Tell us if you have allergies.' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Allergies');
    await page.getByRole('button', { name: 'Add an allergy' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('What are you allergic to?');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1'); // a screen reader starts at the question
    await expect.poll(() => smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: 'Read this to me' }).click();
    expect((await spoken(page)).at(-1)).toMatch(/^What are you allergic to\? Pick one\. Codeine, a painkiller\./);
    await page.getByRole('button', { name: 'Codeine, a painkiller' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('What happens to you?');
    expect(await page.locator('main input, main select').count()).toBe(1);
    await page.getByLabel('What happens to you?').fill('My face swells up');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('How bad is it?');
    await page.getByRole('button', { name: 'Very bad. It is a danger to my life.' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Is this right?');
    expect(await page.locator('main dl').innerText()).toMatch(/Allergic to\s+Codeine, a painkiller[\s\S]*What happens\s+My face swells up[\s\S]*How bad\s+Very bad/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await expect.poll(() => smallTargets(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('easy-read-check-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Yes, save it' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('We saved your allergy to Codeine, a painkiller.');
    const allergies = await stored(`AllergyIntolerance?patient=${me.patient}`);
    expect(allergies.entry).toHaveLength(1);
    expect(allergies.entry[0]!.resource).toMatchObject({ criticality: 'high', code: { coding: [{ code: '387494007', display: 'Codeine' }] }, reaction: [{ manifestation: [{ text: 'My face swells up' }] }] });

    // "If your heart stops, should they try to restart it?"
    await page.goto(`${svc.url}/emergency-wishes`);
    await expect.poll(() => page.locator('main').innerText()).toContain('This is called CPR.');
    await page.getByRole('button', { name: 'Tell us what you want' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('If your heart stops, should they try to restart it?');
    await page.getByRole('button', { name: 'No, do not try' }).click();
    await page.getByLabel('Is there anything else the crew should know?').fill('I want to stay at home if I can');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Yes, save it' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('We saved what you want.');
    expect((await stored(`CarePlan?patient=${me.patient}`)).entry[0]!.resource).toMatchObject({ description: 'I want to stay at home if I can', activity: [{ detail: { code: { coding: [{ code: '304253006' }] } } }] });

    // A medicine: a section page of its own in easy read, then the list.
    await page.goto(`${svc.url}/medicines`);
    await page.getByRole('button', { name: 'Add a medicine' }).click();
    await page.getByLabel('What is the medicine called?').fill('Paracetamol');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Skip this' }).click();
    await page.getByRole('button', { name: 'Yes, save it' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('We saved it.');
    await page.goto(`${svc.url}/medicines`);
    await expect.poll(() => page.getByTestId('easy-items').innerText()).toContain('Paracetamol');

    // Sharing, one thing a page, and stopping asks first.
    await page.goto(`${svc.url}/sharing`);
    await page.getByRole('button', { name: 'Share your Red Bag' }).click();
    await page.getByLabel('Who do you want to share with?').selectOption({ label: 'Northgate Hospital' });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Your allergies and medicines' }).click();
    expect(await page.getByRole('button', { name: 'Your allergies and medicines' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Two weeks' }).click();
    await page.getByRole('button', { name: 'Yes, share it' }).click();
    const until = new Date(Date.now() + 14 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    await expect.poll(() => page.getByTestId('easy-shares').innerText()).toContain(`Northgate Hospital can see it until ${until}.`);
    await page.getByRole('button', { name: 'Stop sharing with Northgate Hospital' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Do you want to stop sharing with Northgate Hospital?');
    await page.getByRole('button', { name: 'Yes, stop sharing' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Northgate Hospital can not see your Red Bag now.');

    await context.close();

  });

  it('every easy-read page, at 360 px: no sideways scrolling, 44 px targets, axe-clean; with no voice in the browser she is told so', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript(() => localStorage.setItem('redbag-easy-read', 'on'));
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${svc.url}/sign-in`);
    await expect.poll(() => smallTargets(page)).toEqual([]);
    await page.getByLabel('Your email').fill(aisha.email);
    await page.getByLabel('Your password').fill('not her password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('We could not sign you in. Check your email and password.');
    await page.getByLabel('Your password').fill(aisha.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Hello Aisha');
    // Every easy-read page at 360 px: axe-clean, nothing scrolls sideways, every target 44 px or more.
    // axe on one page of each kind (the eight record sections share one component; axe takes seconds a page on a busy machine).
    const axeOn = ['/allergies', '/contacts', '/sharing', '/carers'];
    for (const path of ['/', '/register', '/allergies', '/medicines', '/conditions', '/contacts', '/care-team', '/what-matters', '/support-plan', '/what-is-usual', '/appointments', '/emergency-wishes', '/my-red-bag', '/sharing', '/carers', '/access-log', '/import-and-download']) {
      await page.goto(`${svc.url}${path}`);
      await page.getByRole('button', { name: 'Read this to me' }).waitFor();
      await expect.poll(() => page.locator('main [role="status"]:has-text("Please wait")').count(), { message: path }).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
      if (axeOn.includes(path)) expect(await accessibilityProblems(page), path).toEqual([]);
      await expect.poll(() => smallTargets(page), { message: path }).toEqual([]);
    }
    await context.close();

    // A browser with no voice: the button is not offered, and she is told why.
    const quiet = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await quiet.addInitScript(() => {
      delete (window as { speechSynthesis?: unknown }).speechSynthesis;
      delete (Window.prototype as { speechSynthesis?: unknown }).speechSynthesis;
      localStorage.setItem('redbag-easy-read', 'on');
    });
    const quietPage = await quiet.newPage();
    await quietPage.goto(`${svc.url}/`);
    await expect.poll(() => quietPage.locator('main').innerText()).toContain('This phone or computer can not read out loud.');
    expect(await quietPage.getByRole('button', { name: 'Read this to me' }).count()).toBe(0);
    await quiet.close();
  }, 300_000); // 17 pages, four with axe: measured 162 s on this 2-core machine at load average 25 (many jobs sharing it)
});
