import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // one temp dir per run, removed at the end (test/global-tmpdir.ts)
    globalSetup: ['test/global-tmpdir.ts'],
  },
});
