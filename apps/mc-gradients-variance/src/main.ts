import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppDefinition, runApp } from '@proj/repro';
import { type VarianceConfig, validateConfig } from './config.js';
import { runVariance } from './experiment.js';

/** The survey's Section-3 variance experiment as a `pnpm repro` app. */
export const app: AppDefinition<VarianceConfig> = {
  name: 'mc-gradients-variance',
  title: 'MC gradient survey §3 (Figures 2-3): estimator variances for (x−k)², exp(−kx²), cos(kx) under N(1, 1)',
  configDir: join(dirname(fileURLToPath(import.meta.url)), '../configs'),
  validate: validateConfig,
  run: runVariance,
};

/** Entry of `pnpm repro mc-gradients-variance [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
