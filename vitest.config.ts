import { defineConfig } from 'vitest/config';

/** One vitest run over every workspace project; each package keeps its own vitest.config.ts. */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tools/*'],
  },
});
