import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSizes, sweepCores, sweepResult } from '../internal/sweep.js';
import { sameModes, vectorModes } from '../internal/vector-modes.js';
import { formatRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * xᵀ·A·B·y for TT-matrices A (M × N) and B (N × K) and TT-vectors x (M × 1) and y (K × 1), in one sweep that
 * never forms A·B (T3F `bilinear_form_two_mat`): a running rx × rA × rB × ry tensor is contracted with x_k, A_k,
 * B_k and y_k in turn, four matMuls per core. Row vectors are used as their transposes. Any argument may be a
 * batch (sizes broadcast: equal, or 1), giving one value per element; T3F reads y's batch-ness from x, which
 * is not copied. Differentiable; representation-invariant.
 *
 * @param x TT-vector whose modes are A's row modes, single or batch.
 * @param A TT-matrix ((m), (n)), single or batch.
 * @param B TT-matrix ((n), (l)) whose row modes are A's column modes, single or batch.
 * @param y TT-vector whose modes are B's column modes, single or batch.
 * @returns a scalar, or [B] when any argument is a batch.
 * Complexity: O(d·rx·rA·rB·ry·(m·rx + m·n·rA + n·l·rB + l·ry)) per element.
 * @throws Error for TT-tensors, non-vectors, modes that do not chain, or batch sizes that do not broadcast.
 * @example
 * const value = bilinearFormTwoMat(x, A, B, y); // xᵀABy
 * @see T3F `t3f.ops.bilinear_form_two_mat`.
 */
export function bilinearFormTwoMat(
  x: TensorTrain | TensorTrainBatch,
  A: TensorTrain | TensorTrainBatch,
  B: TensorTrain | TensorTrainBatch,
  y: TensorTrain | TensorTrainBatch,
): tf.Tensor {
  const fn = 'bilinearFormTwoMat';
  assertTT(x, fn, 'x');
  assertTT(A, fn, 'A');
  assertTT(B, fn, 'B');
  assertTT(y, fn, 'y');
  for (const [arg, tt] of [
    ['A', A],
    ['B', B],
  ] as const) {
    if (!tt.isMatrix) {
      throw new Error(
        `${fn}: argument '${arg}' must be a TT-matrix, got a TT-tensor of shape ${formatRawShape(tt.rawShape)}`,
      );
    }
  }
  const [aRows, aColumns] = A.rawShape as readonly [readonly number[], readonly number[]];
  const [bRows, bColumns] = B.rawShape as readonly [readonly number[], readonly number[]];
  if (!sameModes(aColumns, bRows)) {
    throw new Error(
      `${fn}: the column modes [${aColumns.join(',')}] of 'A' do not match the row modes [${bRows.join(',')}] of 'B' (raw shapes ${formatRawShape(A.rawShape)} and ${formatRawShape(B.rawShape)})`,
    );
  }
  for (const [arg, tt, modes, what] of [
    ['x', x, aRows, "the row modes of 'A'"],
    ['y', y, bColumns, "the column modes of 'B'"],
  ] as const) {
    const vector = vectorModes(tt, fn, arg);
    if (!sameModes(vector, modes)) {
      throw new Error(`${fn}: the modes [${vector.join(',')}] of '${arg}' do not match ${what} [${modes.join(',')}]`);
    }
  }
  const batchSize = broadcastBatchSizes(
    [
      ['x', x],
      ['A', A],
      ['B', B],
      ['y', y],
    ],
    fn,
  );
  return tf.tidy(() =>
    sweepResult(
      sweepCores([
        { tt: x, modes: ['i'] },
        { tt: A, modes: ['i', 'j'] },
        { tt: B, modes: ['j', 'l'] },
        { tt: y, modes: ['l'] },
      ]),
      batchSize,
    ),
  );
}
