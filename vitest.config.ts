import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own SQLite files / PostgreSQL schema, so files may run in parallel.
    pool: 'forks',
  },
});
