import * as tf from '@tensorflow/tfjs-core';
import { formatRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { assertTT } from './assert.js';
import { coresWithBatch } from './batch.js';

/**
 * Checks that `kron` is a Kronecker product of square matrices, A = A_1 ⊗ ... ⊗ A_d: a TT-matrix (or batch)
 * with all TT-ranks 1 and square cores (m_k = n_k). Returns the batch size (undefined for a single TT).
 *
 * @throws Error naming `fn` for a non-TT argument, a TT-tensor, a rank other than 1 or a non-square core.
 */
export function assertKronecker(kron: unknown, fn: string): number | undefined {
  const batchSize = assertTT(kron, fn, 'kron');
  const tt = kron as TensorTrain | TensorTrainBatch;
  if (!tt.isMatrix) {
    throw new Error(
      `${fn}: argument 'kron' must be a TT-matrix (a Kronecker product), got a TT-tensor of shape ${formatRawShape(tt.rawShape)}`,
    );
  }
  if (tt.ranks.some((r) => r !== 1)) {
    throw new Error(
      `${fn}: argument 'kron' must have all TT-ranks 1 (a Kronecker product), got [${tt.ranks.join(',')}]`,
    );
  }
  const [m, n] = tt.rawShape as readonly [readonly number[], readonly number[]];
  if (m.some((mk, k) => mk !== n[k])) {
    throw new Error(
      `${fn}: argument 'kron' must have square cores (m_k = n_k), got shape ${formatRawShape(tt.rawShape)}`,
    );
  }
  return batchSize;
}

/** The Kronecker factors A_k of a checked `kron` as [B, n_k, n_k] (B = 1 for a single TT). Call inside a tidy. */
export function kroneckerFactors(kron: TensorTrain | TensorTrainBatch, batchSize: number | undefined): tf.Tensor[] {
  const b = batchSize ?? 1;
  return coresWithBatch(kron, b).map((core) => tf.reshape(core, [b, core.shape[2]!, core.shape[3]!]));
}

/** Batched cores [B, 1, n_k, n_k, 1] (for `fromBatchedCores`) from factors [B, n_k, n_k]. */
export function kroneckerCores(factors: readonly tf.Tensor[]): tf.Tensor[] {
  return factors.map((factor) => tf.reshape(factor, [factor.shape[0]!, 1, factor.shape[1]!, factor.shape[2]!, 1]));
}

/**
 * `op` applied to every factor, with an error of `op` (a singular or indefinite factor) rethrown naming `fn`
 * and the core: `kroneckerInv: core 1: inv: matrix at batch index [0] is singular`.
 */
export function mapFactors(
  factors: readonly tf.Tensor[],
  fn: string,
  op: (factor: tf.Tensor) => tf.Tensor,
): tf.Tensor[] {
  return factors.map((factor, k) => {
    try {
      return op(factor);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${fn}: core ${k}: ${message}`, { cause: error });
    }
  });
}
