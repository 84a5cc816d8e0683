import { buildWeb, webBuiltFlag } from './build-web.ts';

/**
 * The browser project's global setup: web/dist is built once, before its first file, not once per
 * file (each file is its own process). That was 7 s a file, about 80 s of every CI run. The flag is
 * in the environment the test processes are started with, so buildWebOnce() there builds nothing.
 */
export default function setup(): void {
  buildWeb();
  process.env[webBuiltFlag] = '1';
}
