import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSizes, sweepCores, sweepResult } from '../internal/sweep.js';
import { sameModes, vectorModes } from '../internal/vector-modes.js';
import { formatRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * The bilinear form bᵀ·A·c of a TT-matrix A (M × N, raw shape ((m), (n))) with TT-vectors b (M × 1) and
 * c (N × 1), without forming anything (T3F `bilinear_form`): a running rb × rA × rc tensor is contracted with
 * b_k (over rb), then A_k (over rA and the row mode), then c_k (over rc and the column mode), three matMuls per
 * core. Row vectors (all row modes 1) are accepted and used as their transposes. Any of A, b, c may be a batch:
 * the batch sizes broadcast (equal, or 1) and the result has one value per element — unlike T3F, whose batch
 * check reads the batch-ness of c from b. Differentiable; representation-invariant.
 *
 * @param A TT-matrix, single or batch.
 * @param b TT-vector whose modes are A's row modes, single or batch.
 * @param c TT-vector whose modes are A's column modes, single or batch.
 * @returns a scalar, or [B] when any argument is a batch.
 * Complexity: O(d·rA·rb·rc·(n·rb + n·m·rA + m·rc)) per element (T3F's bound).
 * @throws Error for a TT-tensor or non-vector argument, modes that do not match A's, or batch sizes that do
 *   not broadcast.
 * @example
 * const energy = bilinearForm(laplacian, x, x); // xᵀLx
 * @see T3F `t3f.bilinear_form`.
 */
export function bilinearForm(
  A: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
  c: TensorTrain | TensorTrainBatch,
): tf.Tensor {
  assertTT(A, 'bilinearForm', 'A');
  assertTT(b, 'bilinearForm', 'b');
  assertTT(c, 'bilinearForm', 'c');
  if (!A.isMatrix) {
    throw new Error(
      `bilinearForm: argument 'A' must be a TT-matrix, got a TT-tensor of shape ${formatRawShape(A.rawShape)}`,
    );
  }
  const [rows, columns] = A.rawShape as readonly [readonly number[], readonly number[]];
  for (const [arg, tt, modes, part] of [
    ['b', b, rows, 'row'],
    ['c', c, columns, 'column'],
  ] as const) {
    const vector = vectorModes(tt, 'bilinearForm', arg);
    if (!sameModes(vector, modes)) {
      throw new Error(
        `bilinearForm: the modes [${vector.join(',')}] of '${arg}' do not match the ${part} modes [${modes.join(',')}] of 'A' (raw shape ${formatRawShape(A.rawShape)})`,
      );
    }
  }
  const batchSize = broadcastBatchSizes(
    [
      ['A', A],
      ['b', b],
      ['c', c],
    ],
    'bilinearForm',
  );
  return tf.tidy(() =>
    sweepResult(
      sweepCores([
        { tt: b, modes: ['i'] },
        { tt: A, modes: ['i', 'j'] },
        { tt: c, modes: ['j'] },
      ]),
      batchSize,
    ),
  );
}
