import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@proj/doc-test', include: ['src/**/*.test.ts'] },
});
