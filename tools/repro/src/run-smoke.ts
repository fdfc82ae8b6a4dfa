import type { Seed } from '@proj/core';
import { createRunWriter, silentReporter } from '@proj/core/run';
import * as tf from '@tensorflow/tfjs-core';
import type { AppDefinition, AppOutcome } from './app.js';
import { loadConfig } from './config.js';

/** What {@link runSmoke} returns. */
export interface SmokeRun<C> {
  readonly config: C;
  readonly outcome: AppOutcome;
  /** The run's results folder. */
  readonly dir: string;
  /** Tensors alive after the run minus before it: 0 for an app that frees what it allocates. */
  readonly leakedTensors: number;
}

/**
 * Runs an app's `smoke` config as `pnpm repro <app> --config smoke --seed <seed>` would, without progress,
 * with its results folder under `root`, and counts the tensors it left behind. For the apps' smoke tests.
 */
export async function runSmoke<C>(app: AppDefinition<C>, root: string, seed: Seed = 0): Promise<SmokeRun<C>> {
  const loaded = loadConfig(app.configDir, 'smoke');
  const config = app.validate(loaded.config);
  const run = createRunWriter({ app: app.name, seed, config: { configName: loaded.name, ...config }, root });
  // The engine's own count: tf.memory() would throw before the app has picked a backend.
  const before = tf.engine().state.numTensors;
  const outcome = await app.run(config, { seed, reporter: silentReporter, run });
  return { config, outcome, dir: run.dir, leakedTensors: tf.engine().state.numTensors - before };
}
