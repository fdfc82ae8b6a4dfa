import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSize, coresWithBatch } from '../internal/batch.js';
import { formatRawShape, modeSizes, sameRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Flat inner product ⟨A, B⟩ = Σ_i A(i)·B(i) of two TT objects without forming them (T3F `flat_inner` of two
 * TTs): a running rA × rB matrix Φ_k = Σ_i A_k(i)ᵀ Φ_{k−1} B_k(i), two batched matMuls per core.
 * TT-matrices are treated as tensors with modes m_k·n_k. Batches (and a single TT broadcast against a
 * batch) give one value per element. Differentiable.
 *
 * @returns a scalar for two single TTs, else [B].
 * Complexity: O(d·n·rA·rB·(rA + rB)) per element.
 * @throws Error naming the raw shapes when they differ (including tensor vs matrix).
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
  return tf.tidy(() => {
    const batch = batchSize ?? 1;
    const sizes = modeSizes(a.rawShape);
    const [coresA, coresB] = [coresWithBatch(a, batch), coresWithBatch(b, batch)];
    let phi: tf.Tensor = tf.ones([batch, 1, 1]);
    sizes.forEach((n, k) => {
      const [ra, raNext, rb, rbNext] = [a.ranks[k]!, a.ranks[k + 1]!, b.ranks[k]!, b.ranks[k + 1]!];
      const coreA = tf.reshape(coresA[k]!, [batch, ra, n * raNext]);
      const coreB = tf.reshape(coresB[k]!, [batch, rb * n, rbNext]);
      const left = tf.reshape(tf.matMul(tf.transpose(coreA, [0, 2, 1]), phi), [batch, n, raNext, rb]);
      const regrouped = tf.reshape(tf.transpose(left, [0, 2, 3, 1]), [batch, raNext, rb * n]);
      phi = tf.matMul(regrouped, coreB);
    });
    return batchSize === undefined ? tf.reshape(phi, []) : tf.reshape(phi, [batch]);
  });
}
