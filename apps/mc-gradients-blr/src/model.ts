import { normal } from '@proj/core/distributions';
import type { CostFunction } from '@proj/mc-gradients';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Bayesian logistic regression: p(y = 1 | x, w) = σ(xᵀw), prior w ~ N(0, I), variational posterior
 * q(w) = N(loc, diag(scale²)) with scale = exp(logScale).
 */

/** Log-likelihood of labels y under logits l, elementwise: y·l − softplus(l) = log σ(±l). */
function logLikelihood(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  return tf.sub(tf.mul(labels, logits), tf.softplus(logits));
}

/**
 * The cost whose expectation under q the estimators differentiate: the data term of the ELBO on a batch,
 * f(w) = N_data · mean_b log p(y_b | x_b, w). Weights [M, d] → costs [M]. Complexity: one [M, d]·[d, B] GEMM.
 */
export function dataTerm(features: tf.Tensor2D, labels: tf.Tensor1D, datasetSize: number): CostFunction {
  return (w) =>
    tf.mul(datasetSize, tf.mean(logLikelihood(tf.matMul(w as tf.Tensor2D, features, false, true), labels), 1));
}

/** q(w) from its parameters {loc, scale}: each weight an independent normal (batch shape [d]). */
export const posterior = (params: Readonly<Record<'loc' | 'scale', tf.Tensor>>) =>
  normal({ loc: params.loc, scale: params.scale }, { validateArgs: false });

/** KL(q ‖ N(0, I)) = Σ_j (σ_j² + μ_j² − 1)/2 − log σ_j, from loc and logScale. */
export function klToPrior(loc: tf.Tensor, logScale: tf.Tensor): tf.Scalar {
  return tf.tidy(() =>
    tf.sum(tf.sub(tf.mul(0.5, tf.sub(tf.add(tf.exp(tf.mul(2, logScale)), tf.square(loc)), 1)), logScale)),
  );
}

/** Evaluation on the whole table with S posterior draws. */
export interface Evaluation {
  /** E_q[log p(y | X, w)] − KL(q ‖ p), the log-likelihood summed over all rows, averaged over the draws. */
  readonly elbo: number;
  readonly kl: number;
  /** Fraction of rows whose predicted class (logit > 0) is right, averaged over the draws. */
  readonly accuracy: number;
}

export function evaluate(
  features: tf.Tensor2D,
  labels: tf.Tensor1D,
  loc: tf.Tensor,
  logScale: tf.Tensor,
  draws: number,
  seed: number,
): Evaluation {
  return tf.tidy(() => {
    const w = posterior({ loc, scale: tf.exp(logScale) }).sample([draws], seed) as tf.Tensor2D;
    const logits = tf.matMul(w, features, false, true);
    const expectedLogLikelihood = tf.mean(tf.sum(logLikelihood(logits, labels), 1));
    const correct = tf.equal(tf.cast(tf.greater(logits, 0), 'float32'), labels);
    const kl = klToPrior(loc, logScale).dataSync()[0]!;
    return {
      elbo: expectedLogLikelihood.dataSync()[0]! - kl,
      kl,
      accuracy: tf.mean(tf.cast(correct, 'float32')).dataSync()[0]!,
    };
  });
}
