import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@proj/source'] },
  ssr: { resolve: { conditions: ['@proj/source'] } },
  test: { name: '@proj/bad-input', include: ['src/**/*.test.ts'] },
});
