import type { Seed } from '@proj/core';
import type * as tf from '@tensorflow/tfjs-core';
import type { CostFunction } from '../estimator.js';

/** Costs and scores on a batch of draws, for baselines estimated from samples. @category Baselines */
export interface ScoredBatch<P extends string> {
  /** Per-sample values [m] of each cost, in the order of the costs. */
  readonly costs: readonly tf.Tensor[];
  /** Scores s = ∇θ log p(x; θ) per sample, [m, ...paramShape] per parameter. */
  readonly scores: Readonly<Record<P, tf.Tensor>>;
}

/** What a {@link Baseline} gets, once per batch of the score-function estimator. @category Baselines */
export interface BaselineContext<P extends string> {
  /** The costs the batch estimates gradients for (the estimated cost first; a control variate adds more). */
  readonly costs: readonly CostFunction[];
  readonly names: readonly P[];
  /** Draws a fresh batch of m samples, independent of the estimator's batch, and scores it. */
  readonly draw: (numSamples: number, seed: Seed) => ScoredBatch<P>;
  /** A seed for such a fresh batch. */
  readonly seed: Seed;
}

/**
 * A baseline b for the score-function estimator (f(x) − b)·∇θ log p(x; θ). Because E[∇θ log p] = 0, any b
 * that does not depend on the batch's own draws leaves the estimate unbiased.
 *
 * @category Baselines
 */
export interface Baseline {
  readonly name: string;
  /**
   * The baseline of each cost for each parameter, broadcastable to [...paramShape], computed before the
   * batch's costs are seen.
   */
  values<P extends string>(context: BaselineContext<P>): Array<Record<P, tf.Tensor>>;
  /** After each main batch, its per-sample values [n] of the estimated cost (moving averages update here). */
  observe?(costs: tf.Tensor): void;
}
