import { defineApp, runApp } from '@proj/repro';
import { tutorialConfigSchema } from './config.js';
import { runTutorial } from './experiment.js';

/** T3F's Riemannian tutorial as a `pnpm repro` app (name and title: the `repro` field of package.json). */
export const app = defineApp(import.meta.url, { schema: tutorialConfigSchema, run: runTutorial });

/** Entry of `pnpm repro tt-riemannian [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
