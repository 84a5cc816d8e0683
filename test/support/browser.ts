import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { buildWeb, webBuiltFlag } from './build-web.ts';

/** Debian's chromium, installed by .ci/run with apt; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser is here. In CI (CI=true) a missing browser is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but missing at ${chromiumPath} (.ci/run installs it with apt-get).`);
  return false;
}

const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchBrowser(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...flags, ...extraArgs], ...options });
}

let built = false;
/**
 * Builds web/ once per process, so the pages tested are the current source; nothing when the test
 * run has built it already (the browser project's global setup) or this process did.
 */
export function buildWebOnce(): void {
  if (built || process.env[webBuiltFlag] === '1') return;
  buildWeb();
  built = true;
}

/**
 * Where a test saves a screenshot: test-output/screenshots (ignored by git), so running the tests never
 * changes a tracked file. `npm run screenshots` runs the browser tests and copies these to docs/screenshots.
 */
export function screenshotPath(name: string): string {
  const dir = new URL('../../test-output/screenshots/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
