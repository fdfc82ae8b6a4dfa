import { defineApp, runApp } from '@proj/repro';
import { varianceConfigSchema } from './config.js';
import { runVariance } from './experiment.js';

/** The survey's Section-3 variance experiment as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: varianceConfigSchema, run: runVariance });

/** Entry of `pnpm repro mc-gradients-variance [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
