import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@proj/source'] },
  ssr: { resolve: { conditions: ['@proj/source'] } },
  test: { name: '@proj/app-vaeac-uci', include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});
