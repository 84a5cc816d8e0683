/**
 * npm run screenshots — runs the browser tests, which save their screenshots in test-output/screenshots
 * (ignored by git, so `npm test` never changes a tracked file), then copies them over docs/screenshots
 * for the README. Nothing is copied unless every browser test passed. Commit the new pictures yourself.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const taken = join(root, 'test-output/screenshots');
const docs = join(root, 'docs/screenshots');

rmSync(taken, { recursive: true, force: true });
const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'browser'], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) {
  process.stderr.write('The browser tests failed, so docs/screenshots was left as it was.\n');
  process.exit(run.status ?? 1);
}

const pictures = existsSync(taken) ? readdirSync(taken).filter((f) => f.endsWith('.png')).sort() : [];
if (pictures.length === 0) {
  process.stderr.write('The browser tests saved no screenshots (is chromium at /usr/bin/chromium?).\n');
  process.exit(1);
}
for (const picture of pictures) {
  copyFileSync(join(taken, picture), join(docs, picture));
  process.stdout.write(`docs/screenshots/${picture}\n`);
}
