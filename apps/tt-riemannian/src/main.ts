import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppDefinition, runApp } from '@proj/repro';
import { type TutorialConfig, validateConfig } from './config.js';
import { runTutorial } from './experiment.js';

/** T3F's Riemannian tutorial as a `pnpm repro` app. */
export const app: AppDefinition<TutorialConfig> = {
  name: 'tt-riemannian',
  title: 'T3F Riemannian tutorial: rank-2 approximation of a rank-16 TT, Riemannian descent vs rounding vs Adam',
  configDir: join(dirname(fileURLToPath(import.meta.url)), '../configs'),
  validate: validateConfig,
  run: runTutorial,
};

/** Entry of `pnpm repro tt-riemannian [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
