import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSize, coresWithBatch, fromBatchedCores } from '../internal/batch.js';
import { formatRawShape, sameRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Exact sum of two TT objects (T3F `add`): block cores, first [A_1 B_1] (stacked on the right rank), middle
 * diag(A_k, B_k), last [A_d; B_d]; TT-ranks add: [1, rA_1 + rB_1, ..., rA_{d−1} + rB_{d−1}, 1] (for d = 1 the
 * single cores are added). Works for TT-tensors and TT-matrices; a single TT (or a batch of 1) broadcasts
 * against a batch. Differentiable; representation-invariant.
 *
 * Complexity: O(d·n·(rA + rB)²) memory for the block cores; no arithmetic.
 *
 * @throws Error naming the raw shapes when they differ, or when one is a TT-matrix and the other not.
 */
export function add(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
): TensorTrain | TensorTrainBatch;
export function add(a: TensorTrain, b: TensorTrain): TensorTrain;
export function add(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
): TensorTrain | TensorTrainBatch {
  assertTT(a, 'add', 'a');
  assertTT(b, 'add', 'b');
  if (!sameRawShape(a.rawShape, b.rawShape)) {
    throw new Error(
      `add: arguments must have the same raw shape, got ${formatRawShape(a.rawShape)} and ${formatRawShape(b.rawShape)}`,
    );
  }
  const batchSize = broadcastBatchSize(a, b, 'add');
  return tidyObject(() => {
    const [coresA, coresB] = [coresWithBatch(a, batchSize ?? 1), coresWithBatch(b, batchSize ?? 1)];
    const d = a.ndims;
    const last = coresA[0]!.rank - 1;
    const cores = coresA.map((coreA, k) => {
      const coreB = coresB[k]!;
      if (d === 1) return tf.add(coreA, coreB);
      if (k === 0) return tf.concat([coreA, coreB], last);
      if (k === d - 1) return tf.concat([coreA, coreB], 1);
      const pad = (core: tf.Tensor, before: number, after: number) =>
        tf.pad(
          core,
          core.shape.map((_, axis): [number, number] => (axis === last ? [before, after] : [0, 0])),
        );
      return tf.concat([pad(coreA, 0, coreB.shape[last]!), pad(coreB, coreA.shape[last]!, 0)], 1);
    });
    return fromBatchedCores(cores, batchSize);
  });
}
