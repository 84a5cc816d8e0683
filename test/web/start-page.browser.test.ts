import type { ConsoleMessage } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../support/browser.ts';
import { serviceAndBrowser } from '../support/browser-service.ts';
import { accessibilityProblems } from '../support/portal-pages.ts';

const haveBrowser = browserAvailable();

/**
 * The start page comes drawn ahead (web/src/start-page.tsx, issue 14's first-page target): it reads and
 * its links work before any script has run, React takes it over without drawing it again, and other
 * pages (which depend on who is signed in) are not pre-drawn.
 */
describe.skipIf(!haveBrowser)('the start page arrives drawn (Debian chromium)', () => {
  const running = serviceAndBrowser();

  /** What the page said in its console, less what any visit says (the CSP turning away NHS.UK's fonts, "not signed in"). */
  function problemsSaid(messages: ConsoleMessage[]): string[] {
    return messages
      .filter((m) => m.type() === 'error' || m.type() === 'warning')
      .map((m) => m.text())
      .filter((text) => !/Content Security Policy directive: "font-src/.test(text) && !/status of 401/.test(text));
  }

  it('sends the start page already drawn, with the service name in place, and other pages empty', async () => {
    const start = await (await fetch(`${running.svc.url}/`, { headers: { Accept: 'text/html' } })).text();
    expect(start).toMatch(/<div id="root">.*<h1>Red Bag<\/h1>/s);
    expect(start).toContain('href="/sign-in"');
    expect(start).not.toContain('%SERVICE_NAME%');
    const signIn = await (await fetch(`${running.svc.url}/sign-in`, { headers: { Accept: 'text/html' } })).text();
    expect(signIn).toContain('<div id="root"></div>');
  });

  it('reads and leads on with scripts switched off', async () => {
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${running.svc.url}/`);
    expect(await page.locator('h1').innerText()).toBe('Red Bag');
    await page.getByRole('link', { name: 'Scan a Red Bag code' }).click();
    await page.waitForURL(/\/scan$/);
    await context.close();
  });

  it('is taken over in place: no hydration error, the same heading element, and its buttons work', async () => {
    const context = await running.browser.newContext();
    const page = await context.newPage();
    const messages: ConsoleMessage[] = [];
    page.on('console', (m) => messages.push(m));
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Mark the drawn heading before any script runs (a property, which React neither sees nor checks): if
    // React drew the page again, the element and its mark would be gone.
    await page.route(`${running.svc.url}/assets/**/*.js`, async (route) => {
      await page.evaluate(() => Object.assign(document.querySelector('h1') ?? {}, { drawnAhead: 'yes' })).catch(() => undefined);
      await route.continue();
    });
    await page.goto(`${running.svc.url}/`);
    await page.waitForFunction(() => performance.getEntriesByName('redbag:first-page-ready').length > 0);
    expect(await page.evaluate(() => (document.querySelector('h1') as unknown as { drawnAhead?: string }).drawnAhead)).toBe('yes');
    expect(await page.title()).toBe('Red Bag');
    const easyRead = page.getByRole('button', { name: /Easy read/ });
    await easyRead.click();
    await expect.poll(() => easyRead.getAttribute('aria-pressed')).toBe('true');
    expect(pageErrors).toEqual([]);
    expect(problemsSaid(messages)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('in easy read draws the page afresh, without a hydration error', async () => {
    const context = await running.browser.newContext();
    await context.addInitScript(() => localStorage.setItem('redbag-easy-read', 'on'));
    const page = await context.newPage();
    const messages: ConsoleMessage[] = [];
    page.on('console', (m) => messages.push(m));
    await page.goto(`${running.svc.url}/`);
    await page.waitForFunction(() => performance.getEntriesByName('redbag:first-page-ready').length > 0);
    expect(await page.evaluate(() => document.body.classList.contains('redbag-easy-read'))).toBe(true);
    expect(await page.getByRole('button', { name: /Easy read/ }).getAttribute('aria-pressed')).toBe('true');
    expect(problemsSaid(messages)).toEqual([]);
    await context.close();
  });
});
