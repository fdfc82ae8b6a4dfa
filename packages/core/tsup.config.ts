import { defineConfig } from 'tsup';

/**
 * ESM only (Node ≥ 20.19 can `require` it), with shared chunks: every class and registry exists once, whether
 * a consumer imports or requires the package, and whichever entries it loads.
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'ops/index': 'src/ops/index.ts',
    'special/index': 'src/special/index.ts',
    'linalg/index': 'src/linalg/index.ts',
    'distributions/index': 'src/distributions/index.ts',
    'testing/index': 'src/testing/index.ts',
    'vitest/index': 'src/vitest/index.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  splitting: true,
  external: [/^@tensorflow\//, 'vitest', 'webgpu', /^node:/],
});
