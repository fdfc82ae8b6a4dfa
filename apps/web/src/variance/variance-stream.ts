import { foldIn } from '@proj/core';
import { normal } from '@proj/core/distributions';
import { type EstimatorName, estimatorByName } from '@proj/mc-gradients';
import * as tf from '@tensorflow/tfjs-core';
import type { CostName } from './costs.js';
import { addBatch, EMPTY_MOMENTS, type Moments, variance } from './running-moments.js';

/** The three estimator families of Figures 2–3, in the survey's order. */
export const ESTIMATOR_NAMES: readonly EstimatorName[] = ['scoreFunction', 'pathwise', 'measureValued'];

/** Options of {@link streamVariance}. */
export interface VarianceOptions {
  readonly cost: CostName;
  readonly k: number;
  readonly mu: number;
  readonly sigma: number;
  /** Draws per batch (per estimator). */
  readonly batchSize: number;
  readonly batches: number;
  readonly seed: number;
}

/** Running mean and variance of the single-sample estimates of ∂μ and ∂σ for one estimator. */
export interface EstimatorStats {
  readonly estimator: EstimatorName;
  readonly loc: Moments;
  readonly scale: Moments;
}

/** A snapshot after some batches: the stats so far and, per batch seen, each estimator's ∂μ variance. */
export interface VarianceSnapshot {
  readonly samples: number;
  readonly stats: readonly EstimatorStats[];
  /** history[e][b]: the running variance of estimator e's ∂μ estimates after batch b. */
  readonly history: readonly (readonly number[])[];
}

/** The tensor form of a survey cost for the estimators: samples [N] → costs [N]. */
function costTensor(cost: CostName, k: number): (x: tf.Tensor) => tf.Tensor {
  if (cost === 'square') return (x) => tf.square(tf.sub(x, k));
  if (cost === 'exp') return (x) => tf.exp(tf.mul(-k, tf.square(x)));
  return (x) => tf.cos(tf.mul(k, x));
}

/**
 * Streams the single-sample gradient estimates of ∂/∂(μ, σ) E_{N(μ, σ²)} f(x; k) for the score-function,
 * pathwise and measure-valued (coupled) estimators of @proj/mc-gradients: batch b of estimator e uses seed
 * foldIn(seed, `e/b`), so any backend draws the same samples. After each batch `onBatch` gets the running
 * means and variances. Memory-neutral. O(batches·batchSize) per estimator.
 */
export async function streamVariance(
  options: VarianceOptions,
  onBatch: (snapshot: VarianceSnapshot) => void | Promise<void>,
): Promise<VarianceSnapshot> {
  const { cost, k, mu, sigma, batchSize, batches, seed } = options;
  const stats = ESTIMATOR_NAMES.map((estimator) => ({ estimator, loc: EMPTY_MOMENTS, scale: EMPTY_MOMENTS }));
  const history: number[][] = ESTIMATOR_NAMES.map(() => []);
  const loc = tf.scalar(mu);
  const scale = tf.scalar(sigma);
  let snapshot: VarianceSnapshot = { samples: 0, stats, history };
  try {
    for (let b = 0; b < batches; b++) {
      ESTIMATOR_NAMES.forEach((estimator, e) => {
        const { perSample } = estimatorByName(estimator)({
          cost: costTensor(cost, k),
          distribution: (p: Record<'loc' | 'scale', tf.Tensor>) => normal({ loc: p.loc, scale: p.scale }),
          params: { loc, scale },
          numSamples: batchSize,
          seed: foldIn(seed, `${estimator}/${b}`),
          perSample: true,
        });
        const dLoc = perSample!.loc.dataSync();
        const dScale = perSample!.scale.dataSync();
        tf.dispose([perSample!.loc, perSample!.scale]);
        const previous = stats[e]!;
        stats[e] = { estimator, loc: addBatch(previous.loc, dLoc), scale: addBatch(previous.scale, dScale) };
        history[e]!.push(variance(stats[e]!.loc));
      });
      snapshot = { samples: (b + 1) * batchSize, stats: [...stats], history: history.map((h) => [...h]) };
      await onBatch(snapshot);
    }
    return snapshot;
  } finally {
    tf.dispose([loc, scale]);
  }
}
