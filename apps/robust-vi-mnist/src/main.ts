import { defineApp, runApp } from '@proj/repro';
import { robustConfigSchema } from './config.js';
import { runRobust } from './experiment.js';

/** Robust variational inference on MNIST with noise objects as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: robustConfigSchema, run: runRobust });

/** Entry of `pnpm repro robust-vi-mnist [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
