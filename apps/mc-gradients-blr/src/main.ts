import { defineApp, runApp } from '@proj/repro';
import { blrConfigSchema } from './config.js';
import { runBlr } from './experiment.js';

/** The survey's Bayesian logistic regression case study as a `pnpm repro` app (name and title: package.json). */
export const app = defineApp(import.meta.url, { schema: blrConfigSchema, run: runBlr });

/** Entry of `pnpm repro mc-gradients-blr [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
