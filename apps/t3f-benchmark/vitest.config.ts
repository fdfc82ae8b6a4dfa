import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@proj/source'] },
  ssr: { resolve: { conditions: ['@proj/source'] } },
  test: { name: '@proj/app-t3f-benchmark', include: ['test/**/*.test.ts'], testTimeout: 300_000 },
});
