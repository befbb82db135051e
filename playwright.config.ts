import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension (test/e2e/extension.ts), so the
// projects here only pick the folder; the 2-core machine runs one worker.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { trace: 'off', screenshot: 'off' },
  outputDir: 'test-results/artifacts',
});
