import type { BackendInfo, Seed } from '@proj/core';
import { resolveBackendRequest } from '@proj/core';
import { silentReporter } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { type AppDefinition, type AppOutcome, startRun, validateConfig } from './app.js';
import { loadConfig } from './config.js';

/** What {@link runSmoke} returns. */
export interface SmokeRun<C> {
  readonly config: C;
  /** The backend the run used. */
  readonly backend: BackendInfo;
  readonly outcome: AppOutcome;
  /** The run's results folder. */
  readonly dir: string;
  /** Tensors alive after the run minus before it: 0 for an app that frees what it allocates. */
  readonly leakedTensors: number;
}

/**
 * Runs an app's `smoke` config as `pnpm repro <app> --config smoke --seed <seed>` would (the backend from
 * `PROJ_BACKEND`, else `auto`), without progress, with its results folder under `root`, and counts the tensors
 * it left behind. For the apps' smoke tests.
 */
export async function runSmoke<C>(app: AppDefinition<C>, root: string, seed: Seed = 0): Promise<SmokeRun<C>> {
  const loaded = loadConfig(app.configDir, 'smoke');
  const config = validateConfig(app, loaded.config);
  const request = resolveBackendRequest(undefined, { fn: app.manifest.name });
  const { backend, run } = await startRun(app, { configName: loaded.name, config, seed, backend: request, root });
  const before = tf.engine().state.numTensors;
  const outcome = await app.run(config, { seed, backend, reporter: silentReporter, run });
  return { config, backend, outcome, dir: run.dir, leakedTensors: tf.engine().state.numTensors - before };
}
