import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@proj/source'] },
  ssr: { resolve: { conditions: ['@proj/source'] } },
  test: {
    name: '@proj/web',
    include: ['test/**/*.test.ts'],
    // Builds dist/ once and serves it for every browser test file.
    globalSetup: ['test/global-setup.ts'],
    // One headless Chromium at a time: the pages' timings are measured on a 2-core machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
