/**
 * How long /scan takes to read and verify a card in Debian's chromium: the page's own
 * performance measure (redbag-check) around reading the code and verifying its signature and
 * revocation, online (the revocation list fetched fresh) and offline (the list kept). Needs
 * /usr/bin/chromium and a built web/ (npm run build:web). Alone: node bench/browser-verify.ts.
 */
import { toNumericQr } from '../src/cards/numeric-qr.ts';
import { buildWebOnce, chromiumPath, launchBrowser } from '../test/support/browser.ts';
import { startService } from '../test/support/service.ts';
import { aishaWithAllergy, issueCard } from '../test/web/red-bag-fixture.ts';
import { existsSync } from 'node:fs';

export interface BrowserFigures { online: Stats; offline: Stats; scans: number }
interface Stats { medianMs: number; p95Ms: number }

export async function benchBrowserVerify(scans = 40): Promise<BrowserFigures | undefined> {
  if (!existsSync(chromiumPath)) return undefined;
  buildWebOnce();
  const svc = await startService('sqlite');
  const browser = await launchBrowser();
  try {
    const aisha = await aishaWithAllergy(svc.url);
    const qr = toNumericQr(await issueCard(svc.url, aisha));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${svc.url}/scan`);
    await page.getByTestId('status').getByText(/^Ready/).waitFor();
    await page.getByText('Paste the code’s text instead').click();
    const run = async (): Promise<Stats> => {
      await page.evaluate(() => performance.clearMeasures('redbag-check'));
      for (let i = 0; i < scans; i++) {
        await page.fill('#code-text', i % 2 ? qr : `${qr}\n`); // a change each time, so React sees new text
        await page.getByRole('button', { name: 'Check the code' }).click();
        await page.waitForFunction((n) => performance.getEntriesByName('redbag-check').length >= n, i + 1);
      }
      const ms = await page.evaluate(() => performance.getEntriesByName('redbag-check').map((e) => e.duration));
      ms.sort((a, b) => a - b);
      const at = (q: number): number => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
      return { medianMs: at(0.5), p95Ms: at(0.95) };
    };
    const online = await run();
    await context.setOffline(true);
    const offline = await run();
    return { online, offline, scans };
  } finally {
    await browser.close();
    await svc.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchBrowserVerify();
  process.stdout.write(figures ? `${JSON.stringify(figures, null, 2)}\n` : `no chromium at ${chromiumPath}: skipped\n`);
}
