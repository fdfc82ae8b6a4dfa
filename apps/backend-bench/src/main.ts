import { defineApp, runApp } from '@proj/repro';
import { benchConfigSchema } from './config.js';
import { runBenchmark } from './experiment.js';

/** The backend benchmark as a `pnpm repro` app (name and title: the `repro` field of package.json). */
export const app = defineApp(import.meta.url, {
  schema: benchConfigSchema,
  run: runBenchmark,
  // Every timing is written to metrics.jsonl as it is measured, and Ctrl-C stops between timings, but an
  // interrupted benchmark is run again rather than resumed: timings from two processes (another JIT warm-up,
  // machine load, backend state) are not comparable side by side, and the default run takes about two minutes.
  notResumable: 'timings measured in two processes are not comparable; run the benchmark again',
});

/** Entry of `pnpm repro backend-bench [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
