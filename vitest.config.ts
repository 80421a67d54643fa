import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // Suites create their own databases; two workers suit the two-core machine.
    pool: 'forks',
    maxWorkers: 2,
    // Generous, not tuned to one machine: CLI tests start real processes (a tsx start alone costs
    // seconds of CPU), and machines of this kind differ 2–3× in speed and in load. A passing test
    // does not wait longer; only a hung one is given up later.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
