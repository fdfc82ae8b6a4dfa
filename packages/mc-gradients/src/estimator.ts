import type { Seed } from '@proj/core';
import type { Distribution } from '@proj/core/distributions';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * A cost f whose expectation F(θ) = E_{p(x;θ)}[f(x)] is differentiated: samples x of shape
 * [M, ...batchShape, ...eventShape] in, per-sample costs [M] out, for any M (estimators call it with other
 * row counts than `numSamples`: measure-valued estimators with 2·M·K rows, the delta method with a few rows
 * near the mean). Rows must be independent: row m's cost depends on row m only.
 *
 * @category Estimators
 */
export type CostFunction = (x: tf.Tensor) => tf.Tensor;

/** Named parameter tensors θ (float32), e.g. `{loc, scale}`. @category Estimators */
export type Params<P extends string> = Readonly<Record<P, tf.Tensor>>;

/**
 * Builds the distribution p(x; θ) from named parameters. It is called with the parameters as given and, for
 * per-sample gradients, with each parameter broadcast over the samples: shape [N, 1, …, 1, ...paramShape]
 * (size-1 axes pad every parameter to the largest parameter rank), so it must combine parameters by
 * broadcasting, as every distribution constructor does. Measure-valued estimators read the family and
 * its parameters from the result, so pass the parameters to the constructor unchanged there.
 *
 * @example
 * const factory: DistributionFactory<'loc' | 'scale'> = ({ loc, scale }) => normal({ loc, scale });
 * @category Estimators
 */
export type DistributionFactory<P extends string> = (params: Params<P>) => Distribution;

/**
 * The per-sample gradient estimates of one estimator for several costs on one batch of draws: for each cost c,
 * a record of tensors [numSamples, ...paramShape] whose mean over the first axis estimates ∇θ E[c]. All costs
 * see the same draws, so their estimates are correlated (what control variates need). `role` is `main` for
 * the batch that makes the estimate and `auxiliary` for extra batches (control-variate coefficients); state
 * such as moving averages is updated from main batches only.
 *
 * @category Control variates
 */
export type BatchEstimator<P extends string> = (
  costs: readonly CostFunction[],
  numSamples: number,
  seed: Seed,
  role: 'main' | 'auxiliary',
) => Array<Record<P, tf.Tensor>>;

/** What a {@link ControlVariate} gets from the estimator it is attached to. @category Control variates */
export interface ControlVariateContext<P extends string> {
  /** The estimator's name, for error messages. */
  readonly fn: string;
  readonly cost: CostFunction;
  readonly distribution: DistributionFactory<P>;
  readonly params: Params<P>;
  readonly numSamples: number;
  /** The estimator itself, on any costs and batch. */
  readonly estimate: BatchEstimator<P>;
  /** Seed of the main batch (the batch the estimator uses without a control variate). */
  readonly mainSeed: Seed;
  /** Seed for extra batches, independent of the main batch. */
  readonly auxiliarySeed: Seed;
}

/**
 * A control variate for any estimator: from the context, returns the per-sample estimates of the main batch
 * with the variate applied, [numSamples, ...paramShape] per parameter, with an unchanged mean.
 *
 * @category Control variates
 */
export interface ControlVariate {
  readonly name: string;
  apply<P extends string>(context: ControlVariateContext<P>): Record<P, tf.Tensor>;
}

/**
 * Options every estimator takes; any other key (but the estimator's own: `baseline`, `coupling`) is an error.
 * @category Estimators
 */
export interface EstimatorOptions<P extends string> {
  /** f: samples [M, ...] → per-sample costs [M], finite (a NaN or infinite cost is an error naming the estimator). */
  readonly cost: CostFunction;
  /** θ ↦ p(x; θ). */
  readonly distribution: DistributionFactory<P>;
  /**
   * θ: the float32 tensors to differentiate with respect to (variables, or tensors computed from them), with
   * finite entries.
   */
  readonly params: Params<P>;
  /** N, the number of draws averaged: an integer in [1, 2^24]. */
  readonly numSamples: number;
  readonly seed: Seed;
  /** Also return the per-sample estimates (for variance measurement); default false. */
  readonly perSample?: boolean;
  /** A control variate (e.g. {@link deltaMethod}); default none. */
  readonly controlVariate?: ControlVariate;
}

/** What an estimator returns. @category Estimators */
export interface GradientEstimate<P extends string> {
  /**
   * A scalar whose gradient with respect to each parameter θ_v (and, by the chain rule, to whatever θ_v was
   * computed from) is the estimate of ∇_{θ_v} E[f]: Σ_v ⟨stop_gradient(ĝ_v), θ_v⟩. Its value is not E[f].
   * Gradients with respect to variables inside the cost are not included.
   */
  readonly surrogate: tf.Scalar;
  /** With `perSample: true`: the N single-sample estimates per parameter, [N, ...paramShape]; their mean is ĝ. */
  readonly perSample?: Readonly<Record<P, tf.Tensor>>;
}

/**
 * The one signature of every estimator: options in, {@link GradientEstimate} out. Estimators are
 * memory-neutral (only the returned tensors survive, also when they throw) and deterministic given the seed.
 * Bad options, non-finite parameters and non-finite costs are errors naming the estimator.
 *
 * @category Estimators
 */
export type Estimator = <P extends string>(options: EstimatorOptions<P>) => GradientEstimate<P>;
