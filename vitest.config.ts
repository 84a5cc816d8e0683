import { configDefaults, defineConfig } from 'vitest/config';

const browserTests = 'test/**/*.browser.test.ts';

export default defineConfig({
  test: {
    // A service test takes 1-10 s on a quiet machine; shared by several jobs, a 2-core machine has taken 28 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          // Each file opens its own SQLite files / PostgreSQL schema, so these files run in parallel.
          name: 'service',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, browserTests],
          // Not 0: vitest moves a group-0 project that has one worker (the default on 2 cores) to the very end.
          sequence: { groupOrder: 1 },
          // Most of a service test's time is spent waiting (on PostgreSQL, a child process, a socket, an
          // fsync), so three files at a time on two cores finish sooner: 266 s against 493 s with the
          // default two (2026-11-30, quiet 2-core machine).
          maxWorkers: 3,
        },
      },
      {
        extends: true,
        test: {
          // The browser stories run after everything else. A story spends most of its time waiting (for its
          // service, for chromium to draw), so two files at a time: 150 s against 244 s one at a time, with
          // the same CPU (2026-12-01, 2-core machine). On a busy 2-core machine a story takes 30-60 s, so
          // the waits are sized for that, not for a quiet laptop. web/dist is built once, before them.
          name: 'browser',
          include: [browserTests],
          globalSetup: ['test/support/build-web.global.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // expect.poll waits for a state the page reaches on its own (a reply arriving, a page loading):
          // 1 s (vitest's default) is too short when the machine is busy; a real failure still fails.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
