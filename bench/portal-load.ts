/**
 * The portal's first page in Debian's chromium with the CPU slowed four times (as an old phone), over
 * loopback: the JavaScript it sends (gzip, as on the wire) and when it becomes interactive.
 *
 * "Interactive" follows Lighthouse's time to interactive, measured inside the page from the start of
 * the navigation: the later of (a) the app having drawn its first page with its handlers attached
 * (the mark App.tsx sets after its first commit) and (b) the end of the last long task (> 50 ms on the
 * main thread) before a quiet window of 5 s with none. Nothing of the harness runs in the page but a
 * long-task observer, and the driver asks for the figures only once the quiet window has passed, so the
 * figure is the page's own work, not the test driver's.
 * Alone: node bench/portal-load.ts.
 */
import { existsSync } from 'node:fs';
import { buildWebOnce, chromiumPath, launchBrowser } from '../test/support/browser.ts';
import { startService } from '../test/support/service.ts';

export interface PortalFigures {
  javascriptKiB: number;
  interactiveMs: { median: number; worst: number; each: number[] };
  firstContentfulPaintMs: { median: number; worst: number; each: number[] };
  runs: number;
}

const quietWindowMs = 5000;

/** Runs in the page before its own scripts: every long task, kept for the measurement. */
function watchLongTasks(): void {
  const tasks: [number, number][] = [];
  (window as unknown as { redbagLongTasks: typeof tasks }).redbagLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) tasks.push([task.startTime, task.startTime + task.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** Runs in the page: resolves, once the main thread has been quiet long enough, with the two times. */
const interactiveInPage = `new Promise((resolve) => {
  const check = () => {
    const ready = performance.getEntriesByName('redbag:first-page-ready')[0];
    const lastTaskEnd = Math.max(0, ...window.redbagLongTasks.map((task) => task[1]));
    if (ready && performance.now() - Math.max(ready.startTime, lastTaskEnd) >= ${quietWindowMs}) {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      // The scripts' bytes as sent (compressed), each address once, however it was fetched.
      const scripts = new Map(performance.getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => [entry.name, entry.encodedBodySize]));
      const scriptBytes = [...scripts.values()].reduce((sum, n) => sum + n, 0);
      resolve({ interactive: Math.max(ready.startTime, lastTaskEnd), paint: paint ? paint.startTime : NaN, scriptBytes });
    } else setTimeout(check, 200);
  };
  check();
})`;

export async function benchPortalLoad(runs = 5): Promise<PortalFigures | undefined> {
  if (!existsSync(chromiumPath)) return undefined;
  buildWebOnce();
  const svc = await startService('sqlite');
  const browser = await launchBrowser();
  try {
    const interactive: number[] = [];
    const paints: number[] = [];
    let javascriptBytes = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext(); // a fresh cache each time: the first visit
      const page = await context.newPage();
      await page.addInitScript(watchLongTasks);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${svc.url}/`, { waitUntil: 'commit' });
      // Playwright's first evaluate injects its own helper script into the page, a long task of its own at
      // 4× slowdown: asking only after the quiet window has passed keeps it out of what is measured.
      await new Promise((resolve) => setTimeout(resolve, quietWindowMs + 1500));
      const times = (await page.evaluate(interactiveInPage)) as { interactive: number; paint: number; scriptBytes: number };
      interactive.push(Math.round(times.interactive));
      paints.push(Math.round(times.paint));
      javascriptBytes = times.scriptBytes;
      await context.close();
    }
    return { javascriptKiB: Math.round(javascriptBytes / 102.4) / 10, interactiveMs: medianAndWorst(interactive), firstContentfulPaintMs: medianAndWorst(paints), runs };
  } finally {
    await browser.close();
    await svc.stop();
  }
}

function medianAndWorst(values: number[]): { median: number; worst: number; each: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, worst: sorted.at(-1)!, each: values };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchPortalLoad();
  process.stdout.write(figures ? `${JSON.stringify(figures, null, 2)}\n` : `no chromium at ${chromiumPath}: skipped\n`);
}
