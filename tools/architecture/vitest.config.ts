import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@proj/architecture', include: ['src/**/*.test.ts'] },
});
