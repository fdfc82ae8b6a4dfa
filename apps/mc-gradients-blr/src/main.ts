import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppDefinition, runApp } from '@proj/repro';
import { type BlrConfig, validateConfig } from './config.js';
import { runBlr } from './experiment.js';

/** The survey's Bayesian logistic regression case study as a `pnpm repro` app. */
export const app: AppDefinition<BlrConfig> = {
  name: 'mc-gradients-blr',
  title:
    'MC gradient survey case study: Bayesian logistic regression on UCI breast cancer, estimators ± control variates',
  configDir: join(dirname(fileURLToPath(import.meta.url)), '../configs'),
  validate: validateConfig,
  run: runBlr,
};

/** Entry of `pnpm repro mc-gradients-blr [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
