import { execFileSync } from 'node:child_process';

/** Set once web/dist has been built from the current source in this test run (by build-web.global.ts). */
export const webBuiltFlag = 'REDBAG_WEB_BUILT_FOR_TESTS';

/** Builds web/ (Vite) into web/dist, so the pages a test serves are the current source. */
export function buildWeb(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
}
