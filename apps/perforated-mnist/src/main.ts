import { defineApp, runApp } from '@proj/repro';
import { perforatedConfigSchema } from './config.js';
import { runPerforated } from './experiment.js';

/** PerforatedCNNs on MNIST as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: perforatedConfigSchema, run: runPerforated });

/** Entry of `pnpm repro perforated-mnist [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
