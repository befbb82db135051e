import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    // The machine is shared by several test runs at once; the property tests run thousands of
    // cases each, and a per-test time limit is not what they test (benchmarks measure speed).
    testTimeout: 60_000,
    // Test files share one module graph (run one after another in each worker) instead of a fresh
    // graph per file: 54–60 s for the suite instead of 133–151 s on the 2-core CI machine, where
    // building the graphs took most of the time. It holds because no test file leaves state
    // behind: fake timers are restored, and a file that puts jsdom's `document` on Node's globals
    // does so at its own top level, before its tests. Checked with files in random order
    // (`npx vitest run --sequence.shuffle.files`, three seeds) and with files and the tests in
    // them in random order (`--sequence.shuffle`, two seeds): all passing.
    isolate: false,
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
