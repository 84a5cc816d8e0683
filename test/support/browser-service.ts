import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildWebOnce, launchBrowser } from './browser.ts';
import { startService, type RunningService, type ServiceStoreKind } from './service.ts';

export interface ServiceAndBrowser {
  readonly svc: RunningService;
  readonly browser: Browser;
}

/**
 * For a browser test's describe block: builds web/, starts the real service and Debian's chromium
 * before its tests and stops both after them. Read `.svc` and `.browser` inside the tests.
 */
export function serviceAndBrowser(kind: ServiceStoreKind = 'sqlite', env: Record<string, string> = {}): ServiceAndBrowser {
  const held: { svc?: RunningService; browser?: Browser } = {};
  beforeAll(async () => {
    buildWebOnce();
    held.svc = await startService(kind, env);
    held.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await held.browser?.close();
    await held.svc?.stop();
  });
  return {
    get svc() {
      return held.svc!;
    },
    get browser() {
      return held.browser!;
    },
  };
}
