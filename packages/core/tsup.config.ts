import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'run/index': 'src/run/index.ts',
    'special/index': 'src/special/index.ts',
    'linalg/index': 'src/linalg/index.ts',
    'distributions/index': 'src/distributions/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  splitting: false,
  external: [
    /^@tensorflow\//,
    'vitest',
    'vega',
    'vega-lite',
    'webgpu',
    'cli-progress',
    'fast-png',

    /^node:/,
  ],
});
