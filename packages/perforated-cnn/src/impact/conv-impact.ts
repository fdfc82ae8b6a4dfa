import * as tf from '@tensorflow/tfjs-core';
import { shown } from '../internal/validate.js';

/**
 * The impact of every output position of a conv layer (paper §3.2): impact(y, x) = the mean over the N examples of
 * Σ_c |∂L/∂V(n, y, x, c) · V(n, y, x, c)|, the first-order (Taylor) estimate of how much the loss changes when
 * the position's values are removed (set to 0). Absolute values before averaging, so opposite signs do not
 * cancel. Feed the result to {@link impactMask}.
 *
 * Cost: one forward and backward pass of `loss` at V, plus O(N·OH·OW·C). Memory-neutral (also when `loss`
 * throws).
 *
 * @param convOutput V [N, OH, OW, C], the conv output BEFORE its nonlinearity, float32.
 * @param loss the head of the network from V on: V → a scalar loss SUMMED over the N examples (the same loss the
 *   perforated net is evaluated with).
 * @returns Float32Array of length OH·OW, indexed oh·OW + ow.
 * @throws Error naming `convImpact` and the argument for a non-float32, non-4D or empty V, a `loss` that is not
 *   a function or does not return a scalar.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.2 (code: weights_average_impact.m).
 * @example
 * const impact = convImpact(conv1Output, (v) => head(v).sum()); // then impactMask(impact, OH, OW, 0.5)
 */
export function convImpact(convOutput: tf.Tensor4D, loss: (v: tf.Tensor4D) => tf.Scalar): Float32Array {
  const fn = 'convImpact';
  const ok =
    convOutput instanceof tf.Tensor &&
    !convOutput.isDisposed &&
    convOutput.dtype === 'float32' &&
    convOutput.rank === 4 &&
    convOutput.size > 0;
  if (!ok)
    throw new Error(`${fn}: argument 'convOutput' must be a float32 tensor [N, OH, OW, C], got ${shown(convOutput)}`);
  if (typeof loss !== 'function') throw new Error(`${fn}: argument 'loss' must be a function, got ${shown(loss)}`);
  // A loss that throws inside tf.grad would strand the tensors its kernels saved on the tape, so a failure is
  // recorded, replaced by a harmless scalar of V to finish the pass cleanly, and rethrown afterwards.
  let failure: unknown;
  const scalarLoss = (v: tf.Tensor): tf.Scalar => {
    try {
      const value = loss(v as tf.Tensor4D);
      if (!(value instanceof tf.Tensor) || value.isDisposed || value.size !== 1) {
        throw new Error(`${fn}: argument 'loss' must return a scalar tensor, got ${shown(value)}`);
      }
      return tf.reshape(value, []) as tf.Scalar;
    } catch (error) {
      failure ??= error;
      return tf.sum(v);
    }
  };
  const impact = tf.tidy(() => {
    const gradient = tf.grad(scalarLoss)(convOutput) as tf.Tensor4D;
    return tf.mean(tf.sum(tf.abs(tf.mul(gradient, convOutput)), 3), 0);
  });
  if (failure !== undefined) {
    impact.dispose();
    throw failure;
  }
  try {
    return impact.dataSync() as Float32Array;
  } finally {
    impact.dispose();
  }
}
