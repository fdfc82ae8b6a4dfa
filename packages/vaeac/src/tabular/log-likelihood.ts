import * as tf from '@tensorflow/tfjs-core';
import type { LogLikelihood } from '../batch.js';
import type { ColumnLayout } from './column-types.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** How the Gaussian σ of real columns is set: fixed to 1 (the authors' UCI setting) or learned per entry. */
export type RealSigma = 'fixed' | 'learned';

/** The values of {@link RealSigma}. */
export const REAL_SIGMAS: readonly RealSigma[] = ['fixed', 'learned'];

/** Floor on a learned data σ (authors' code: σ = max(softplus(s), 1e-4)). */
export const DATA_MIN_SIGMA = 1e-4;

/** Floor on categorical probabilities before renormalizing (authors' code: 1e-4). */
export const MIN_CATEGORY_PROBABILITY = 1e-4;

/**
 * Categorical probabilities from logits [n, K]: softmax, clamped below at 1e-4, renormalized (authors' code).
 */
export function clampedSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const p = tf.maximum(tf.softmax(logits), MIN_CATEGORY_PROBABILITY);
    return tf.div(p, tf.sum(p, 1, true));
  });
}

/**
 * The learned data σ of real columns from their s slots [n, R]: max(softplus(s), 1e-4) (authors' code). O(n·R).
 */
export function learnedSigma(s: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.maximum(tf.softplus(s), DATA_MIN_SIGMA));
}

/** log N(x; μ, σ²) elementwise with σ = {@link learnedSigma}(s). */
function learnedLogProb(x: tf.Tensor, mu: tf.Tensor, s: tf.Tensor2D): tf.Tensor {
  const sigma = learnedSigma(s);
  const z = tf.div(tf.sub(x, mu), sigma);
  return tf.neg(tf.add(tf.add(tf.mul(0.5, tf.square(z)), tf.log(sigma)), HALF_LOG_TWO_PI));
}

/**
 * The tabular generative likelihood for `layout`: real columns Gaussian N(x; μ, σ²) on the standardized scale
 * with σ FIXED to 1 (`realSigma` 'fixed', the default: the authors' UCI setting, the s slot of (μ, s) ignored)
 * or σ = max(softplus(s), 1e-4) ('learned', the paper's general model); categorical columns
 * {@link clampedSoftmax} of their logits. Returns log p_θ(x_b | ·) per object, summed over entries with
 * recMask 1. O(n·outputWidth).
 */
export function tabularLogLikelihood(layout: ColumnLayout, realSigma: RealSigma = 'fixed'): LogLikelihood {
  const realColumns = layout.inputSizes.flatMap((k, c) => (k === 1 ? [c] : []));
  const realMu = realColumns.map((c) => layout.outputOffsets[c] as number);
  const realSigmaSlots = realMu.map((offset) => offset + 1);
  const categorical = layout.inputSizes.flatMap((k, c) => (k > 1 ? [c] : []));
  return (params, target, recMask) =>
    tf.tidy(() => {
      const n = params.shape[0];
      let total: tf.Tensor = tf.zeros([n]);
      if (realColumns.length > 0) {
        const mu = tf.gather(params, realMu, 1);
        const x = tf.gather(target, realColumns, 1);
        const logProb =
          realSigma === 'fixed'
            ? tf.sub(tf.mul(-0.5, tf.squaredDifference(x, mu)), HALF_LOG_TWO_PI)
            : learnedLogProb(x, mu, tf.gather(params, realSigmaSlots, 1) as tf.Tensor2D);
        total = tf.add(total, tf.sum(tf.mul(logProb, tf.gather(recMask, realColumns, 1)), 1));
      }
      for (const c of categorical) {
        const k = layout.inputSizes[c] as number;
        const logits = tf.slice(params, [0, layout.outputOffsets[c] as number], [n, k]);
        const codes = tf.cast(tf.reshape(tf.slice(target, [0, c], [n, 1]), [n]), 'int32');
        const logProb = tf.sum(tf.mul(tf.log(clampedSoftmax(logits)), tf.oneHot(codes, k)), 1);
        total = tf.add(total, tf.mul(logProb, tf.reshape(tf.slice(recMask, [0, c], [n, 1]), [n])));
      }
      return total as tf.Tensor1D;
    });
}
