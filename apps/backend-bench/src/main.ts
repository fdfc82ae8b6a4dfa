import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppDefinition, runApp } from '@proj/repro';
import { type BenchConfig, validateConfig } from './config.js';
import { runBenchmark } from './experiment.js';

/** The backend benchmark as a `pnpm repro` app. */
export const app: AppDefinition<BenchConfig> = {
  name: 'backend-bench',
  title: 'tfjs backends in Node: matMul, conv2d and a CNN training step side by side',
  configDir: join(dirname(fileURLToPath(import.meta.url)), '../configs'),
  validate: validateConfig,
  run: runBenchmark,
};

/** Entry of `pnpm repro backend-bench [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
