import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@proj/source'] },
  ssr: { resolve: { conditions: ['@proj/source'] } },
  // The smoke run takes about 10 s on wasm (the default) and over 2 minutes with PROJ_BACKEND=cpu.
  test: { name: '@proj/app-tt-completion', include: ['test/**/*.test.ts'], testTimeout: 300_000 },
});
