import { defineApp, runApp } from '@proj/repro';
import { t3fConfigSchema } from './config.js';
import { runT3fBenchmark } from './experiment.js';

/** The T3F benchmark table as a `pnpm repro` app (name and title: the `repro` field of package.json). */
export const app = defineApp(import.meta.url, { schema: t3fConfigSchema, run: runT3fBenchmark });

/** Entry of `pnpm repro t3f-benchmark [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
