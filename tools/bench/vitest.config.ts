import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@proj/bench', include: ['src/**/*.test.ts'] },
});
