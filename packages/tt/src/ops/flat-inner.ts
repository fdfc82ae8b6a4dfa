import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSize } from '../internal/batch.js';
import { sweepCores, sweepResult } from '../internal/sweep.js';
import { formatRawShape, sameRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { singleFlatInner } from './single-flat-inner.js';

/**
 * Flat inner product ⟨A, B⟩ = Σ_i A(i)·B(i) of two TT objects without forming them (T3F `flat_inner` of two
 * TTs): a running rA × rB matrix Φ_k = Σ_i A_k(i)ᵀ Φ_{k−1} B_k(i), two matMuls per core, each operand laid
 * out to need the fewest transposes (two single TTs: a fixed chain of 2-D products, see `singleFlatInner`,
 * as small TTs are bound by the kernels per call). TT-matrices are treated as tensors with modes m_k·n_k. Batches give one
 * value per element, as one batched product per core (on wasm a grouped convolution, 3-5x faster than its
 * batched matMul); a single TT (or a batch of 1) broadcasts against a batch without being tiled (its products
 * are plain 2-D matMuls over the whole batch). Differentiable any number of times; representation-invariant.
 *
 * @param a TT-tensor or TT-matrix, single or batch.
 * @param b same raw shape as `a`.
 * @returns a scalar for two single TTs, else [B].
 * Complexity: O(d·n·rA·rB·(rA + rB)) per element.
 * @throws Error naming the raw shapes when they differ (including tensor vs matrix), or batch sizes that do
 *   not broadcast.
 * @example
 * const normSquared = flatInner(tt, tt); // scalar
 * @see T3F `t3f.flat_inner` (`tt_tt_flat_inner`).
 */
export function flatInner(a: TensorTrain | TensorTrainBatch, b: TensorTrain | TensorTrainBatch): tf.Tensor {
  assertTT(a, 'flatInner', 'a');
  assertTT(b, 'flatInner', 'b');
  if (!sameRawShape(a.rawShape, b.rawShape)) {
    throw new Error(
      `flatInner: arguments must have the same raw shape, got ${formatRawShape(a.rawShape)} and ${formatRawShape(b.rawShape)}`,
    );
  }
  const batchSize = broadcastBatchSize(a, b, 'flatInner');
  if (a instanceof TensorTrain && b instanceof TensorTrain) return tf.tidy(() => singleFlatInner(a, b));
  return tf.tidy(() =>
    sweepResult(
      sweepCores([
        { tt: a, modes: ['i'] },
        { tt: b, modes: ['i'] },
      ]),
      batchSize,
    ),
  );
}
