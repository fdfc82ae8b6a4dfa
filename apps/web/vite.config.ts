import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * A static multi-page site: one HTML entry per demo, relative asset URLs (works from any folder of any static
 * host, offline), workers as ES modules. Workspace packages resolve to their TypeScript sources, so a clean
 * clone builds without building the packages first.
 */
export default defineConfig({
  root,
  base: './',
  resolve: { conditions: ['@proj/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        tt: resolve(root, 'tt.html'),
        variance: resolve(root, 'variance.html'),
        inpaint: resolve(root, 'inpaint.html'),
        ponder: resolve(root, 'ponder.html'),
      },
    },
  },
});
