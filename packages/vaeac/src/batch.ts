import * as tf from '@tensorflow/tfjs-core';

/**
 * The tensors of one training/evaluation batch of n objects (tabular or image):
 * - `priorInput` [n, priorInputWidth]: the observed part (unobserved entries zeroed) and the mask b;
 * - `proposalInput` [n, proposalInputWidth]: the whole object (NaN → 0), NaN indicators where the data has
 *   NaNs, and b;
 * - `target` [n, D]: the values to score (real: standardized value, categorical: the code; NaN → 0);
 * - `recMask` [n, D]: 1 where the entry counts in the reconstruction term (b = 1 and not NaN), else 0.
 */
export interface EncodedBatch {
  readonly priorInput: tf.Tensor2D;
  readonly proposalInput: tf.Tensor2D;
  readonly target: tf.Tensor2D;
  readonly recMask: tf.Tensor2D;
}

/** Frees the tensors of `batch`. */
export function disposeBatch(batch: EncodedBatch): void {
  tf.dispose([batch.priorInput, batch.proposalInput, batch.target, batch.recMask]);
}

/**
 * log p_θ(x_b | z, x_o, b) per object from the generative network's output: params [n, outputWidth], target and
 * recMask [n, D] → [n] (entries with recMask 0 contribute 0).
 */
export type LogLikelihood = (params: tf.Tensor2D, target: tf.Tensor2D, recMask: tf.Tensor2D) => tf.Tensor1D;
