import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A journey is many page steps, each waiting up to SHOWS_WITHIN (e2e/fixtures.ts) for what it
    // shows; the longest take ~85 s here, so a machine 3× slower still has room.
    testTimeout: 600_000,
    hookTimeout: 240_000,
    globalSetup: ['e2e/global-setup.ts'],
  },
});
