import { defineApp, runApp } from '@proj/repro';
import { accuracyConfigSchema } from './config.js';
import { runAccuracy } from './experiment.js';

/** The implicit-reparameterization accuracy/speed experiment as a `pnpm repro` app (name: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: accuracyConfigSchema, run: runAccuracy });

/** Entry of `pnpm repro implicit-reparam-accuracy [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
