/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/auth/totp.ts';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { waitForEmails } from '../sharing/mail-harness.ts';

const haveBrowser = browserAvailable();

async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe.skipIf(!haveBrowser)('account basics in the portal (Debian chromium)', () => {
  let svc: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('Rina forgets her password, resets it by email, fixes her details, adds an authenticator app, then takes her record and closes her account', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-07-09');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const main = () => page.locator('main').innerText();

    // "Forgot your password?" from the sign-in page; the same answer for any address.
    await page.goto(`${svc.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email address').fill(rina.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect.poll(main).toMatch(/Check your email[\s\S]*If there is an account with this email address/);
    expect(await accessibilityProblems(page)).toEqual([]);
    const [mail] = await waitForEmails(svc, [rina.email], /Reset your Red Bag password/);
    const link = /(http\S+\/reset-password\?token=\S+)/.exec(mail!.text)![1]!;
    await page.goto(link);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Use at least 10 characters/);
    await page.getByLabel('New password').fill('plum kettle harbour');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect.poll(main).toMatch(/Your password has been changed/);
    expect(page.url()).not.toContain('token='); // the used link leaves the address bar
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.getByLabel('Email address').fill(rina.email);
    await page.getByLabel('Password').fill('plum kettle harbour');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/home$/);

    // Your account: each thing with its own Change link; the date in words.
    await page.getByRole('link', { name: 'Your account' }).click();
    await expect.poll(main).toMatch(/Date of birth\s+9 July 1966/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Change NHS number' }).click();
    await expect.poll(() => page.getByLabel('Year').inputValue()).toBe('1966');
    await page.getByLabel('NHS number (if you know it)').fill('943 476 5870x');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Enter your 10-digit NHS number/);
    expect(await page.getByLabel('First name').inputValue()).toBe('Rina');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('NHS number (if you know it)').fill('943 476 5870');
    await page.getByLabel('Day').fill('19');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(main).toMatch(/Date of birth\s+19 July 1966[\s\S]*NHS number\s+943 476 5870/);

    // An authenticator app, with recovery codes shown once.
    await page.getByRole('link', { name: 'Change authenticator app' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByText('I cannot scan the code').click();
    const key = (await page.locator('#totp-key').innerText()).replace(/\s/g, '');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Code from the app').fill(totpAt(key, new Date()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(main).toMatch(/Save your recovery codes/);
    const recovery = await page.getByRole('list', { name: 'Recovery codes' }).locator('li').allInnerTexts();
    expect(recovery).toHaveLength(10);
    await page.screenshot({ path: screenshotPath('account-recovery-codes-phone.png'), fullPage: true });
    await page.getByRole('button', { name: /I have saved my codes/ }).click();
    await expect.poll(main).toMatch(/It is on\. You have 10 recovery codes left/);

    // Signing in now asks for the code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${svc.url}/sign-in`);
    await page.getByLabel('Email address').fill(rina.email);
    await page.getByLabel('Password').fill('plum kettle harbour');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(main).toMatch(/Enter the code from your authenticator app/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Code', { exact: true }).fill(totpAt(key, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/home$/);

    // Closing: first the downloads, then "are you sure?" with her password and a recovery code.
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('link', { name: 'Close your account' }).click();
    await expect.poll(main).toMatch(/Step 1 of 2: take your record with you/);
    for (const name of [/Your whole record \(FHIR JSON/, /Your Red Bag summary to read or print \(PDF\)/]) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect((await context.request.get(`${svc.url}${href}`)).status()).toBe(200);
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Your password').fill('plum kettle harbour');
    await page.getByLabel('Code from your authenticator app').fill(recovery[0]!);
    await page.getByRole('button', { name: 'Close my account and delete my record' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Tick the box to say you understand/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('account-close-phone.png'), fullPage: true });
    await page.getByLabel('I understand my record will be deleted').check();
    await page.getByRole('button', { name: 'Close my account and delete my record' }).click();
    await page.waitForURL(/\/account-closed$/);
    await expect.poll(main).toMatch(/Your account is closed/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await waitForEmails(svc, [rina.email], /account is closed/);
    expect((await context.request.get(`${svc.url}/auth/me`)).status()).toBe(401);
    await context.close();
  }, 300_000); // five flows in one story (each 30-60 s on a busy 2-core machine): one browser start instead of five
});
