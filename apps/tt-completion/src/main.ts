import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppDefinition, runApp } from '@proj/repro';
import { type CompletionConfig, validateConfig } from './config.js';
import { runCompletion } from './experiment.js';

/** T3F's tensor-completion tutorial as a `pnpm repro` app. */
export const app: AppDefinition<CompletionConfig> = {
  name: 'tt-completion',
  title: 'T3F tensor-completion tutorial: rank-5 TT from 25% noisy entries, Riemannian GD/CG vs Adam on the cores',
  configDir: join(dirname(fileURLToPath(import.meta.url)), '../configs'),
  validate: validateConfig,
  run: runCompletion,
};

/** Entry of `pnpm repro tt-completion [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
