import { defineApp, runApp } from '@proj/repro';
import { ttMnistConfigSchema } from './config.js';
import { runTtMnist } from './experiment.js';

/** T3F's tensor-nets tutorial on MNIST as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: ttMnistConfigSchema, run: runTtMnist });

/** Entry of `pnpm repro tt-mnist [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
