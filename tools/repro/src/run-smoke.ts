import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendInfo, Seed } from '@proj/core';
import { resolveBackendRequest } from '@proj/core';
import { type Reporter, type RunStatus, silentReporter } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import {
  type AppDefinition,
  type AppOutcome,
  executeRun,
  resumeRun,
  type StartedRun,
  startRun,
  validateConfig,
} from './app.js';
import { loadConfig } from './config.js';

/** What {@link runSmoke} and {@link resumeSmoke} return. */
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

/** Options of {@link runSmoke}. */
export interface SmokeOptions {
  /** Default 0. */
  readonly seed?: Seed;
  /** Where progress goes; default silent (e.g. a recording reporter, to test what an app reports). */
  readonly reporter?: Reporter;
}

/**
 * Runs an app's `smoke` config as `pnpm repro <app> --config smoke --seed <seed>` would (the backend from
 * `PROJ_BACKEND`, else `auto`), without progress, with its results folder under `root`, and counts the tensors
 * it left behind. For the apps' smoke tests.
 */
export async function runSmoke<C>(
  app: AppDefinition<C>,
  root: string,
  options: Seed | SmokeOptions = {},
): Promise<SmokeRun<C>> {
  const { seed = 0, reporter = silentReporter } = typeof options === 'number' ? { seed: options } : options;
  const { loaded, config, started } = await startSmoke(app, root, seed);
  return finish(app, config, { ...started, seed, configName: loaded.name }, reporter);
}

/** What {@link interruptSmoke} returns: the folder of the interrupted run and its status. */
export interface InterruptedSmokeRun {
  readonly dir: string;
  readonly status: RunStatus;
  /** Tensors alive after the run minus before it: 0 for an app that frees what it holds when interrupted. */
  readonly leakedTensors: number;
}

/**
 * Runs an app's `smoke` config like {@link runSmoke} but asks it to stop once `afterUnits` units of work have
 * completed, as Ctrl-C would: the run ends `interrupted`, ready for {@link resumeSmoke}. For tests of resumption.
 *
 * @throws Error when the run finished before stopping (it has `afterUnits` units or fewer).
 */
export async function interruptSmoke<C>(
  app: AppDefinition<C>,
  root: string,
  options: { readonly afterUnits: number; readonly seed?: Seed },
): Promise<InterruptedSmokeRun> {
  const seed = options.seed ?? 0;
  const { loaded, config, started } = await startSmoke(app, root, seed);
  const before = tf.engine().state.numTensors;
  const execution = await executeRun(
    app,
    config,
    { ...started, seed, configName: loaded.name },
    { reporter: silentReporter, stopAfterUnits: options.afterUnits },
  );
  if (execution.state !== 'interrupted') {
    throw new Error(
      `interruptSmoke: ${app.manifest.name} finished before stopping after ${options.afterUnits} units; stop it earlier`,
    );
  }
  return {
    dir: started.run.dir,
    status: started.run.status,
    leakedTensors: tf.engine().state.numTensors - before,
  };
}

/**
 * Continues an interrupted run in `dir` as `pnpm repro <app> --resume <dir>` would (the backend from
 * `PROJ_BACKEND`, else `auto`), silently, and counts the tensors it left behind.
 */
export async function resumeSmoke<C>(app: AppDefinition<C>, dir: string): Promise<SmokeRun<C>> {
  const resumed = await resumeRun(app, dir, resolveBackendRequest(undefined, { fn: app.manifest.name }));
  return finish(app, resumed.config, resumed, silentReporter);
}

async function startSmoke<C>(app: AppDefinition<C>, root: string, seed: Seed) {
  const loaded = loadConfig(app.configDir, 'smoke');
  const config = validateConfig(app, loaded.config);
  const request = resolveBackendRequest(undefined, { fn: app.manifest.name });
  const started = await startRun(app, { configName: loaded.name, config, seed, backend: request, root });
  return { loaded, config, started };
}

async function finish<C>(
  app: AppDefinition<C>,
  config: C,
  started: StartedRun & { readonly seed: Seed; readonly configName: string },
  reporter: Reporter,
): Promise<SmokeRun<C>> {
  const before = tf.engine().state.numTensors;
  const execution = await executeRun(app, config, started, { reporter });
  if (execution.state !== 'finished') throw new Error(`${app.manifest.name}: interrupted (${execution.reason})`);
  return {
    config,
    backend: started.backend,
    outcome: execution.outcome,
    dir: started.run.dir,
    leakedTensors: tf.engine().state.numTensors - before,
  };
}

/** Keys whose values are timings: `ms per step`, `seconds`, `msPerIteration`, `finishedAt`, ... */
const TIMING_KEY = /\b(ms|seconds|time|finishedAt)\b/i;
/** camelCase timing keys (`msPerStep`, `trainMs`, `totalSeconds`): case-sensitive, so that `claims` and `items` stay. */
const CAMEL_TIMING_KEY = /^ms[A-Z]|Ms$|Seconds$/;
/** Durations inside text: `12.3 ms`, `0.4 s`, `(1.2 s)`. */
const DURATION = /\d+(?:\.\d+)?(?:e[-+]?\d+)?\s?(?:ms|s)\b/g;

/**
 * `results.json` of a run folder without what depends on the clock, to compare a resumed run with an
 * uninterrupted one: keys naming timings (`finishedAt`, `ms per iteration`, `seconds`, ...) are dropped, and
 * durations inside strings (`12.3 ms`, `0.4 s`) and whatever `patterns` match in strings are blanked.
 */
export function comparableResults(dir: string, patterns: readonly RegExp[] = []): unknown {
  return withoutTimings(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')), patterns);
}

/** The lines of `metrics.jsonl` of a run folder, parsed, without timings as in {@link comparableResults}. */
export function comparableMetrics(dir: string, patterns: readonly RegExp[] = []): unknown[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => withoutTimings(JSON.parse(line), patterns));
}

function withoutTimings(value: unknown, patterns: readonly RegExp[]): unknown {
  if (typeof value === 'string') {
    return [DURATION, ...patterns].reduce((text, pattern) => text.replace(pattern, '‹time›'), value);
  }
  if (Array.isArray(value)) return value.map((item) => withoutTimings(item, patterns));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !TIMING_KEY.test(key) && !CAMEL_TIMING_KEY.test(key))
        .map(([key, item]) => [key, withoutTimings(item, patterns)]),
    );
  }
  return value;
}
