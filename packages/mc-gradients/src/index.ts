export type { Baseline, BaselineContext, ScoredBatch } from './baselines/baseline.js';
export {
  type MovingAverageBaseline,
  type MovingAverageBaselineOptions,
  movingAverageBaseline,
} from './baselines/moving-average-baseline.js';
export { type OptimalBaselineOptions, optimalBaseline } from './baselines/optimal-baseline.js';
export { type DeltaMethod, type DeltaMethodOptions, deltaMethod } from './control-variates/delta-method.js';
export {
  type TaylorExpansion,
  type TaylorExpansionOptions,
  taylorExpansion,
} from './control-variates/taylor-expansion.js';
export type {
  BatchEstimator,
  ControlVariate,
  ControlVariateContext,
  CostFunction,
  DistributionFactory,
  Estimator,
  EstimatorOptions,
  GradientEstimate,
  Params,
} from './estimator.js';
export { type MeasureValuedOptions, measureValued } from './measure-valued.js';
export { pathwise } from './pathwise.js';
export { ESTIMATORS, type EstimatorName, estimatorByName } from './registry.js';
export { sampleDoubleSidedMaxwell } from './samplers/double-sided-maxwell.js';
export { sampleRayleigh } from './samplers/rayleigh.js';
export { type ScoreFunctionOptions, scoreFunction } from './score-function.js';
export {
  type DistributionFamily,
  registerWeakDerivative,
  weakDerivativeOf,
  weakDerivativeParams,
} from './weak-derivatives/registry.js';
export type { WeakDerivative, WeakDerivativeSamples } from './weak-derivatives/weak-derivative.js';
