import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSize } from '../internal/batch.js';
import { formatRawShape, sameRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Elementwise (Hadamard) product of two TT objects, or a TT object times a scalar (T3F `multiply`).
 *
 * - TT × TT: core k is the Kronecker product of the two cores' slices for every mode index,
 *   C_k[(a, b), i, (a′, b′)] = A_k[a, i, a′]·B_k[b, i, b′] (A's rank index major), one broadcast multiply per
 *   core; TT-ranks multiply: [1, rA_1·rB_1, ..., 1]. Same raw shape required (TT-tensors, or TT-matrices
 *   where i is the pair of mode indices). Batches broadcast as in T3F: batch × TT, TT × batch, B × B, 1 × B,
 *   B × 1.
 * - TT × c (a number or a scalar tensor): every core times |c|^(1/d) and the first core also times sign(c),
 *   which keeps the cores balanced (T3F); c = 0 gives the zero tensor with the same ranks. A batch is scaled
 *   elementwise by the same c. For a tensor c the result is differentiable in c (away from c = 0).
 *
 * Differentiable with respect to the cores; representation-invariant.
 *
 * @param a TT-tensor or TT-matrix, single or batch.
 * @param b a TT object with the raw shape of `a`, a number, or a scalar tensor.
 * @returns a new TT object (a batch when either argument is one).
 * Complexity: Hadamard O(d·n·rA²·rB²) memory and flops (the result's size); scalar O(size of the cores).
 * @throws Error naming `multiply` and the raw shapes when they differ, for batch sizes that do not broadcast, or
 *   for a `b` that is neither a TT object nor a number or float32/int32 scalar tensor.
 * @example
 * const c = multiply(a, b); // ranks rA·rB
 * const minusA = multiply(a, -1);
 * @see T3F `t3f.multiply`; Oseledets, "Tensor-Train Decomposition", SIAM J. Sci. Comput. 33(5), 2011, §4.
 */
export function multiply(a: TensorTrainBatch, b: TensorTrain | TensorTrainBatch | number | tf.Tensor): TensorTrainBatch;
export function multiply(a: TensorTrain | TensorTrainBatch, b: TensorTrainBatch): TensorTrainBatch;
export function multiply(a: TensorTrain, b: TensorTrain | number | tf.Tensor): TensorTrain;
export function multiply(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch | number | tf.Tensor,
): TensorTrain | TensorTrainBatch;
export function multiply(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch | number | tf.Tensor,
): TensorTrain | TensorTrainBatch {
  assertTT(a, 'multiply', 'a');
  if (typeof b === 'number' || b instanceof tf.Tensor) return scale(a, b);
  assertTT(b, 'multiply', 'b');
  if (!sameRawShape(a.rawShape, b.rawShape)) {
    throw new Error(
      `multiply: arguments must have the same raw shape, got ${formatRawShape(a.rawShape)} and ${formatRawShape(b.rawShape)}`,
    );
  }
  const batchSize = broadcastBatchSize(a, b, 'multiply');
  return tidyObject(() => {
    const cores = a.cores.map((_, k) => {
      const [ca, cb] = [withBatchAxis(a, k), withBatchAxis(b, k)];
      const [ra, raNext, rb, rbNext] = [a.ranks[k]!, a.ranks[k + 1]!, b.ranks[k]!, b.ranks[k + 1]!];
      const modes = ca.shape.slice(2, -1);
      const n = modes.reduce((x, y) => x * y, 1);
      const product = tf.mul(
        tf.reshape(ca, [ca.shape[0]!, ra, 1, n, raNext, 1]),
        tf.reshape(cb, [cb.shape[0]!, 1, rb, n, 1, rbNext]),
      );
      const shape = [ra * rb, ...modes, raNext * rbNext];
      return tf.reshape(product, batchSize === undefined ? shape : [batchSize, ...shape]);
    });
    return batchSize === undefined ? new TensorTrain(cores) : new TensorTrainBatch(cores);
  });
}

/** Core k with a leading batch axis (of 1 for a single TT). */
function withBatchAxis(tt: TensorTrain | TensorTrainBatch, k: number): tf.Tensor {
  const core = tt.cores[k]!;
  return tt instanceof TensorTrainBatch ? core : tf.reshape(core, [1, ...core.shape]);
}

/** TT times a scalar: |c|^(1/d) on every core, sign(c) on the first. */
function scale(tt: TensorTrain | TensorTrainBatch, c: number | tf.Tensor): TensorTrain | TensorTrainBatch {
  if (c instanceof tf.Tensor && (c.isDisposed || c.rank !== 0)) {
    throw new Error(
      `multiply: argument 'b' must be a TensorTrain, TensorTrainBatch, number or scalar tensor, got ${
        c.isDisposed ? 'a disposed tensor' : `a tensor of shape [${c.shape.join(',')}]`
      }`,
    );
  }
  if (c instanceof tf.Tensor && c.dtype !== 'float32' && c.dtype !== 'int32') {
    throw new Error(`multiply: argument 'b' must be a float32 or int32 scalar tensor, got ${c.dtype}`);
  }
  const d = tt.ndims;
  return tidyObject(() => {
    const [first, rest] = scalarFactors(typeof c === 'number' ? c : tf.cast(c, 'float32'), d);
    const cores = tt.cores.map((core, k) => tf.mul(core, k === 0 ? first : rest));
    return tt instanceof TensorTrainBatch ? new TensorTrainBatch(cores) : new TensorTrain(cores);
  });
}

/** [sign(c)·|c|^(1/d), |c|^(1/d)]: the factors of the first and the other cores (c itself when d = 1). */
function scalarFactors<T extends number | tf.Tensor>(c: T, d: number): [T, T] {
  if (d === 1) return [c, c];
  if (typeof c === 'number') {
    const magnitude = Math.abs(c) ** (1 / d);
    return [Math.sign(c) * magnitude, magnitude] as [T, T];
  }
  const magnitude = tf.pow(tf.abs(c as tf.Tensor), 1 / d);
  return [tf.mul(tf.sign(c as tf.Tensor), magnitude), magnitude] as [T, T];
}
