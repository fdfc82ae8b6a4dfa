import type { MeasureOptions } from '@proj/bench';
import type { BackendName } from '@proj/core';

/** Shape of the small CNN whose training step is timed. */
export interface TrainStepConfig {
  /** Images per step. */
  readonly batch: number;
  /** Square image side; must be divisible by 4 (two 2×2 max-pools). */
  readonly imageSize: number;
  /** Output channels of the two 3×3 conv layers. */
  readonly channels: readonly [number, number];
  /** Classes of the dense softmax head. */
  readonly classes: number;
  /** Adam step size. */
  readonly learningRate: number;
}

/** Configuration of the backend benchmark (configs/*.json). */
export interface BenchConfig {
  /** Backends to time, in order; the first must be cpu, the reference. */
  readonly backends: readonly BackendName[];
  /** Backends whose absence is an error; the others are skipped when not installed. */
  readonly requiredBackends: readonly BackendName[];
  /** n of the n×n · n×n matMuls. */
  readonly matmulSizes: readonly number[];
  /** conv2d input [batch, h, w, c] and filter [kh, kw, c, out], stride 1, same padding. */
  readonly conv2d: { readonly input: readonly number[]; readonly filter: readonly number[] };
  readonly trainStep: TrainStepConfig;
  /** Training steps run on every backend from the same initial weights to compare their losses. */
  readonly agreementSteps: number;
  /** Timing of the fast backends. */
  readonly timing: MeasureOptions;
  /** Timing of cpu (matMul 1024² takes seconds there). */
  readonly cpuTiming: MeasureOptions;
  /** Claims checked: the wasm training step is at least this many times faster than cpu. */
  readonly acceptance: { readonly trainStepSpeedup: number };
}

const BACKENDS: readonly string[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];

/** Checks a parsed config; throws naming the first bad field. */
export function validateConfig(raw: Record<string, unknown>): BenchConfig {
  const config = raw as unknown as BenchConfig;
  const fail = (field: string, expected: string): never => {
    throw new Error(
      `backend-bench config: '${field}' must be ${expected}, got ${JSON.stringify(raw[field.split('.')[0]!])}`,
    );
  };
  const positiveInts = (value: unknown, length?: number) =>
    Array.isArray(value) &&
    (length === undefined || value.length === length) &&
    value.every((v) => Number.isInteger(v) && v > 0);
  if (
    !Array.isArray(config.backends) ||
    config.backends[0] !== 'cpu' ||
    !config.backends.every((b) => BACKENDS.includes(b))
  ) {
    fail('backends', `a list of ${BACKENDS.join('/')} starting with cpu`);
  }
  if (!Array.isArray(config.requiredBackends) || !config.requiredBackends.every((b) => config.backends.includes(b))) {
    fail('requiredBackends', 'a subset of backends');
  }
  if (!positiveInts(config.matmulSizes)) fail('matmulSizes', 'a list of positive integers');
  if (!positiveInts(config.conv2d?.input, 4) || !positiveInts(config.conv2d?.filter, 4)) {
    fail('conv2d', '{input: [b, h, w, c], filter: [kh, kw, c, out]} of positive integers');
  }
  if (config.conv2d.input[3] !== config.conv2d.filter[2]) fail('conv2d', 'an input whose channels match filter[2]');
  const t = config.trainStep;
  if (
    !t ||
    !Number.isInteger(t.batch) ||
    t.batch < 1 ||
    !Number.isInteger(t.imageSize) ||
    t.imageSize % 4 !== 0 ||
    !positiveInts(t.channels, 2) ||
    !Number.isInteger(t.classes) ||
    t.classes < 2 ||
    !(t.learningRate > 0)
  ) {
    fail('trainStep', '{batch ≥ 1, imageSize divisible by 4, channels: [c1, c2], classes ≥ 2, learningRate > 0}');
  }
  if (!Number.isInteger(config.agreementSteps) || config.agreementSteps < 1)
    fail('agreementSteps', 'a positive integer');
  if (!(config.acceptance?.trainStepSpeedup > 0)) fail('acceptance', '{trainStepSpeedup: a positive number}');
  return config;
}
