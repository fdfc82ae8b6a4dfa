import { defineApp, runApp } from '@proj/repro';
import { benchConfigSchema } from './config.js';
import { runBenchmark } from './experiment.js';

/** The backend benchmark as a `pnpm repro` app (name and title: the `repro` field of package.json). */
export const app = defineApp(import.meta.url, { schema: benchConfigSchema, run: runBenchmark });

/** Entry of `pnpm repro backend-bench [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
