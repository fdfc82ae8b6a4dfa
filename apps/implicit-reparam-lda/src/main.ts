import { defineApp, runApp } from '@proj/repro';
import { ldaConfigSchema } from './config.js';
import { runLda } from './experiment.js';

/** The implicit-reparameterization paper's LDA experiment as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: ldaConfigSchema, run: runLda });

/** Entry of `pnpm repro implicit-reparam-lda [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
