import { defineConfig } from '@playwright/test';

// The tests launch Chromium with the built extension themselves (test/e2e/extension.ts: one per
// test, or one per spec file with sharedExtensionBrowser), so the projects here only pick the
// folder. One worker: two took 11.4 min instead of 14.6 on the 2-core CI machine (README).
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
