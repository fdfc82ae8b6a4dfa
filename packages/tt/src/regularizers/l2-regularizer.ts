import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { assertScale } from '../internal/regularizer-scale.js';
import { frobeniusNormSquared } from '../ops/frobenius-norm-squared.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/** A penalty on a TT object: a scalar for a TensorTrain, one value per element [B] for a TensorTrainBatch. */
export type TTRegularizer = (tt: TensorTrain | TensorTrainBatch) => tf.Tensor;

/**
 * The L2 penalty of a TT object (T3F `l2_regularizer`): returns tt ↦ scale·‖tt‖_F², with the squared
 * Frobenius norm from {@link frobeniusNormSquared} with `differentiable: true` (the running-product
 * contraction ⟨tt, tt⟩, no QR), so that the penalty has gradients with respect to the cores (T3F uses the QR
 * path, which has no gradient in tfjs). A batch gives one penalty per element.
 *
 * Unlike T3F, scale = 0 gives a regularizer that returns zeros (T3F returns None) and integer scales are
 * accepted (JavaScript has one number type).
 *
 * @param scale the weight of the penalty, a finite number ≥ 0.
 * @returns a function of a TensorTrain (→ scalar) or TensorTrainBatch (→ [B]).
 * Complexity per call: O(d·n·r³) per element, 4d op calls.
 * @throws Error naming `l2Regularizer` for a negative, non-finite or non-numeric scale; the returned function
 *   throws naming `l2Regularizer` for an argument that is not a live TT object.
 * @example
 * const penalty = l2Regularizer(1e-4);
 * const loss = (cores: tf.Tensor[]) => tf.add(dataLoss(cores), penalty(new TensorTrain(cores)));
 * @see T3F `t3f.l2_regularizer`.
 * @category Regularizers
 */
export function l2Regularizer(scale: number): TTRegularizer {
  const weight = assertScale(scale, 'l2Regularizer');
  return (tt) => {
    const batchSize = assertTT(tt, 'l2Regularizer', 'tt');
    if (weight === 0) return tf.zeros(batchSize === undefined ? [] : [batchSize]);
    return tf.tidy(() => tf.mul(frobeniusNormSquared(tt, { differentiable: true }), weight));
  };
}
