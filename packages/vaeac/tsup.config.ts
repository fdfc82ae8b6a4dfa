import { defineConfig } from 'tsup';

/** ESM only (Node ≥ 20.19 can `require` it): one copy of every class, whether consumers import or require. */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  external: [/^@tensorflow\//, /^@proj\//],
});
