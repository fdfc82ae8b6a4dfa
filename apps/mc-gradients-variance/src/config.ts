import type { CostName } from './costs.js';
import type { EstimatorVariant } from './exact-variance.js';

/** A grid of k values: `points` values from `from` to `to`, evenly spaced on a linear or log scale. */
export interface KGrid {
  readonly from: number;
  readonly to: number;
  readonly points: number;
  readonly scale: 'linear' | 'log';
}

/** One figure: a cost, its k grid, and the y ranges of its two panels (the survey's). */
export interface FigureConfig {
  readonly cost: CostName;
  readonly k: KGrid;
  readonly yDomain: { readonly loc: readonly [number, number]; readonly scale: readonly [number, number] };
  /** The k values of the orderings table (the research notes' table rows). */
  readonly tableK: readonly number[];
}

/** Configuration of the variance experiment (configs/*.json). */
export interface VarianceConfig {
  /** The measure N(μ, σ²); the survey uses μ = σ = 1. */
  readonly mu: number;
  readonly sigma: number;
  readonly figures: readonly FigureConfig[];
  readonly estimators: readonly EstimatorVariant[];
  /** Monte Carlo: draws per estimate, and draws of the fresh batch of the optimal baseline. */
  readonly monteCarlo: { readonly numSamples: number; readonly baselineSamples: number };
  /** Quadrature: integrands cut off at ±limit standard deviations, relative tolerance. */
  readonly quadrature: { readonly limit: number; readonly relTol: number };
  /** tfjs backend of the Monte Carlo estimates: auto, wasm or cpu. */
  readonly backend: 'auto' | 'wasm' | 'cpu';
}

const COST_NAMES: readonly string[] = ['square', 'exp', 'cos'];
const ESTIMATOR_NAMES: readonly string[] = ['scoreFunction', 'pathwise', 'measureValued'];

/** Checks a parsed config; throws naming the first bad field. */
export function validateConfig(raw: Record<string, unknown>): VarianceConfig {
  const config = raw as unknown as VarianceConfig;
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new Error(`mc-gradients-variance config: '${field}' must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const positive = (v: unknown) => typeof v === 'number' && v > 0 && Number.isFinite(v);
  const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  const range = (v: unknown) => Array.isArray(v) && v.length === 2 && positive(v[0]) && positive(v[1]) && v[0] < v[1];
  if (typeof config.mu !== 'number' || !Number.isFinite(config.mu)) fail('mu', 'a finite number', config.mu);
  if (!positive(config.sigma)) fail('sigma', 'a positive number', config.sigma);
  if (!Array.isArray(config.figures) || config.figures.length === 0)
    fail('figures', 'a non-empty list', config.figures);
  config.figures.forEach((figure, i) => {
    const field = `figures[${i}]`;
    if (!COST_NAMES.includes(figure?.cost)) fail(`${field}.cost`, `one of ${COST_NAMES.join(', ')}`, figure?.cost);
    const k = figure.k;
    if (
      !k ||
      typeof k.from !== 'number' ||
      typeof k.to !== 'number' ||
      !(k.from < k.to) ||
      !positiveInt(k.points) ||
      (k.scale !== 'linear' && k.scale !== 'log') ||
      (k.scale === 'log' && !(k.from > 0))
    ) {
      fail(`${field}.k`, '{from < to (> 0 for log), points ≥ 1, scale: linear | log}', k);
    }
    if (!range(figure.yDomain?.loc) || !range(figure.yDomain?.scale)) {
      fail(`${field}.yDomain`, '{loc: [low, high], scale: [low, high]} with 0 < low < high', figure.yDomain);
    }
    if (!Array.isArray(figure.tableK) || !figure.tableK.every((v) => typeof v === 'number')) {
      fail(`${field}.tableK`, 'a list of numbers', figure.tableK);
    }
  });
  if (!Array.isArray(config.estimators) || config.estimators.length === 0) {
    fail('estimators', 'a non-empty list', config.estimators);
  }
  config.estimators.forEach((variant, i) => {
    if (typeof variant?.label !== 'string' || !ESTIMATOR_NAMES.includes(variant.estimator)) {
      fail(`estimators[${i}]`, `{label, estimator: ${ESTIMATOR_NAMES.join(' | ')}}`, variant);
    }
    if (variant.baseline !== undefined && (variant.baseline !== 'optimal' || variant.estimator !== 'scoreFunction')) {
      fail(`estimators[${i}].baseline`, "'optimal', with the score function only", variant.baseline);
    }
    if (
      variant.coupling !== undefined &&
      (typeof variant.coupling !== 'boolean' || variant.estimator !== 'measureValued')
    ) {
      fail(`estimators[${i}].coupling`, 'a boolean, with the measure-valued estimator only', variant.coupling);
    }
  });
  const mc = config.monteCarlo;
  if (!mc || !(positiveInt(mc.numSamples) && mc.numSamples >= 2) || !positiveInt(mc.baselineSamples)) {
    fail('monteCarlo', '{numSamples ≥ 2, baselineSamples ≥ 1} (integers)', mc);
  }
  if (!positive(config.quadrature?.limit) || !positive(config.quadrature?.relTol)) {
    fail('quadrature', '{limit > 0, relTol > 0}', config.quadrature);
  }
  if (!['auto', 'wasm', 'cpu'].includes(config.backend)) fail('backend', 'auto, wasm or cpu', config.backend);
  return config;
}

/** The k values of a grid. */
export function gridValues(grid: KGrid): number[] {
  if (grid.points === 1) return [grid.from];
  return Array.from({ length: grid.points }, (_, i) => {
    const t = i / (grid.points - 1);
    return grid.scale === 'linear'
      ? grid.from + t * (grid.to - grid.from)
      : Math.exp(Math.log(grid.from) + t * (Math.log(grid.to) - Math.log(grid.from)));
  });
}
