import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@proj/consumer',
    include: ['src/**/*.test.ts'],
    // Builds, packs and installs from the npm registry before the first test.
    hookTimeout: 600_000,
    testTimeout: 120_000,
  },
});
