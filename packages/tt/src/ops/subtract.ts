import { tidyObject } from '@proj/core/ops';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSize } from '../internal/batch.js';
import { formatRawShape, sameRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { add } from './add.js';
import { multiply } from './multiply.js';

/**
 * Exact difference A − B of two TT objects (T3F's `a - b`): `add(a, multiply(b, −1))`, so the TT-ranks add,
 * [1, rA_1 + rB_1, ..., 1], and the first core of B enters negated. Batches broadcast as in {@link add}.
 * Differentiable; representation-invariant.
 *
 * @param a TT-tensor or TT-matrix, single or batch.
 * @param b same raw shape as `a`.
 * @returns a new TT object (a batch when either argument is one).
 * Complexity: O(d·n·(rA + rB)²) memory for the block cores; no arithmetic beyond negating B's first core.
 * @throws Error naming the raw shapes when they differ, or batch sizes that do not broadcast.
 * @example
 * const residual = subtract(x, target); // ranks rX + rT
 * @see T3F `TensorTrainBase.__sub__`.
 */
export function subtract(a: TensorTrainBatch, b: TensorTrain | TensorTrainBatch): TensorTrainBatch;
export function subtract(a: TensorTrain | TensorTrainBatch, b: TensorTrainBatch): TensorTrainBatch;
export function subtract(a: TensorTrain, b: TensorTrain): TensorTrain;
export function subtract(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
): TensorTrain | TensorTrainBatch;
export function subtract(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
): TensorTrain | TensorTrainBatch {
  assertTT(a, 'subtract', 'a');
  assertTT(b, 'subtract', 'b');
  if (!sameRawShape(a.rawShape, b.rawShape)) {
    throw new Error(
      `subtract: arguments must have the same raw shape, got ${formatRawShape(a.rawShape)} and ${formatRawShape(b.rawShape)}`,
    );
  }
  broadcastBatchSize(a, b, 'subtract');
  return tidyObject(() => add(a, multiply(b, -1)));
}
