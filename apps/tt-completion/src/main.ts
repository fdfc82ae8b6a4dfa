import { defineApp, runApp } from '@proj/repro';
import { completionConfigSchema } from './config.js';
import { runCompletion } from './experiment.js';

/** T3F's tensor-completion tutorial as a `pnpm repro` app (name and title: the `repro` field of package.json). */
export const app = defineApp(import.meta.url, { schema: completionConfigSchema, run: runCompletion });

/** Entry of `pnpm repro tt-completion [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
