/**
 * The portal's first page in Debian's chromium with the CPU slowed four times (as an old phone):
 * JavaScript sent (gzip, as on the wire) and the time until the page is interactive (its heading
 * drawn and the main thread idle), over loopback. Alone: node bench/portal-load.ts.
 */
import { existsSync } from 'node:fs';
import { buildWebOnce, chromiumPath, launchBrowser } from '../test/support/browser.ts';
import { startService } from '../test/support/service.ts';

export interface PortalFigures { javascriptKiB: number; interactiveMs: { median: number; worst: number }; runs: number }

export async function benchPortalLoad(runs = 5): Promise<PortalFigures | undefined> {
  if (!existsSync(chromiumPath)) return undefined;
  buildWebOnce();
  const svc = await startService('sqlite');
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    let javascriptBytes = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext(); // a fresh cache each time: the first visit
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.enable');
      let bytes = 0;
      const scripts = new Set<string>();
      cdp.on('Network.responseReceived', (e) => { if (e.type === 'Script') scripts.add(e.requestId); });
      cdp.on('Network.loadingFinished', (e) => { if (scripts.has(e.requestId)) bytes += e.encodedDataLength; });
      const started = Date.now();
      await page.goto(`${svc.url}/`, { waitUntil: 'load' });
      await page.locator('h1').waitFor();
      // Interactive: the page answers a task on its main thread promptly after drawing.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      times.push(Date.now() - started);
      javascriptBytes = bytes;
      await context.close();
    }
    times.sort((a, b) => a - b);
    return { javascriptKiB: Math.round(javascriptBytes / 102.4) / 10, interactiveMs: { median: times[Math.floor(times.length / 2)]!, worst: times.at(-1)! }, runs };
  } finally {
    await browser.close();
    await svc.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchPortalLoad();
  process.stdout.write(figures ? `${JSON.stringify(figures, null, 2)}\n` : `no chromium at ${chromiumPath}: skipped\n`);
}
