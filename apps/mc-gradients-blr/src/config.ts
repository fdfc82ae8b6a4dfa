import type { EstimatorName } from '@proj/mc-gradients';

/** One training run: an estimator, with or without the delta-method control variate. */
export interface RunConfig {
  /** Legend label. */
  readonly label: string;
  readonly estimator: EstimatorName;
  readonly controlVariate: 'none' | 'delta';
  /** Measure-valued only: common random numbers (default true). */
  readonly coupling?: boolean;
}

/** Configuration of the Bayesian logistic regression case study (configs/*.json). */
export interface BlrConfig {
  readonly runs: readonly RunConfig[];
  /** SGD steps; the learning rate decays as lr·cos(π/2 · step/steps). */
  readonly steps: number;
  readonly learningRate: number;
  /** Rows per mini-batch (shuffled every epoch, repeated). */
  readonly batchSize: number;
  /** Posterior draws per gradient estimate. */
  readonly numSamples: number;
  /** Delta method: draws of the fresh batch β is estimated on, and an optional moving average of β. */
  readonly controlVariate: { readonly coefficientSamples: number; readonly decay: number | null };
  /**
   * Every `every` steps (and at the last): the ELBO and accuracy on all rows with `elboSamples` posterior
   * draws, and the per-dimension variance of `varianceSamples` single-sample gradient estimates on the
   * step's batch.
   */
  readonly evaluation: { readonly every: number; readonly elboSamples: number; readonly varianceSamples: number };
  readonly backend: 'auto' | 'wasm' | 'cpu';
}

const ESTIMATORS: readonly string[] = ['scoreFunction', 'pathwise', 'measureValued'];

/** Checks a parsed config; throws naming the first bad field. */
export function validateConfig(raw: Record<string, unknown>): BlrConfig {
  const config = raw as unknown as BlrConfig;
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new Error(`mc-gradients-blr config: '${field}' must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!Array.isArray(config.runs) || config.runs.length === 0) fail('runs', 'a non-empty list', config.runs);
  const labels = new Set<string>();
  config.runs.forEach((r, i) => {
    if (typeof r?.label !== 'string' || labels.has(r.label)) fail(`runs[${i}].label`, 'a unique string', r?.label);
    labels.add(r.label);
    if (!ESTIMATORS.includes(r.estimator)) fail(`runs[${i}].estimator`, ESTIMATORS.join(' | '), r.estimator);
    if (r.controlVariate !== 'none' && r.controlVariate !== 'delta') {
      fail(`runs[${i}].controlVariate`, "'none' or 'delta'", r.controlVariate);
    }
    if (r.coupling !== undefined && (typeof r.coupling !== 'boolean' || r.estimator !== 'measureValued')) {
      fail(`runs[${i}].coupling`, 'a boolean, with measureValued only', r.coupling);
    }
  });
  if (!positiveInt(config.steps)) fail('steps', 'a positive integer', config.steps);
  if (!(config.learningRate > 0)) fail('learningRate', 'a positive number', config.learningRate);
  if (!positiveInt(config.batchSize)) fail('batchSize', 'a positive integer', config.batchSize);
  if (!positiveInt(config.numSamples)) fail('numSamples', 'a positive integer', config.numSamples);
  const cv = config.controlVariate;
  if (
    !cv ||
    !(positiveInt(cv.coefficientSamples) && cv.coefficientSamples >= 2) ||
    !(cv.decay === null || (cv.decay >= 0 && cv.decay < 1))
  ) {
    fail('controlVariate', '{coefficientSamples ≥ 2, decay: null or in [0, 1)}', cv);
  }
  const ev = config.evaluation;
  if (
    !ev ||
    !positiveInt(ev.every) ||
    !positiveInt(ev.elboSamples) ||
    !(positiveInt(ev.varianceSamples) && ev.varianceSamples >= 2)
  ) {
    fail('evaluation', '{every, elboSamples, varianceSamples ≥ 2} (positive integers)', ev);
  }
  if (!['auto', 'wasm', 'cpu'].includes(config.backend)) fail('backend', 'auto, wasm or cpu', config.backend);
  return config;
}
