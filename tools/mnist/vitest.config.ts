import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@proj/mnist', include: ['src/**/*.test.ts'] },
});
