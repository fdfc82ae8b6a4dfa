import { defineApp, runApp } from '@proj/repro';
import { uciConfigSchema } from './config.js';
import { runUci } from './experiment.js';

/** VAEAC missing-feature imputation on UCI tables as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: uciConfigSchema, run: runUci });

/** Entry of `pnpm repro vaeac-uci [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
