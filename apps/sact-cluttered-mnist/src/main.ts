import { defineApp, runApp } from '@proj/repro';
import { sactConfigSchema } from './config.js';
import { runSact } from './experiment.js';

/** Adaptive computation time on cluttered MNIST as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: sactConfigSchema, run: runSact });

/** Entry of `pnpm repro sact-cluttered-mnist [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
