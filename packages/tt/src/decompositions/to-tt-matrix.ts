import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { checkFiniteDense } from '../internal/finite.js';
import { floatInput } from '../internal/tensor-input.js';
import { checkEpsilon, ttSvd } from '../internal/tt-svd.js';
import { expandRankCaps, formatRawShape, modeSizes, type ShapeSpec, toRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import type { ToTTOptions } from './to-tt-tensor.js';

/**
 * TT-SVD of a dense matrix into a TT-matrix of raw shape ((m_1..m_d), (n_1..n_d)) (T3F `to_tt_matrix`).
 *
 * The (Πm) × (Πn) matrix is reshaped to (m_1..m_d, n_1..n_d), its axes interleaved to (m_1, n_1, ..., m_d, n_d)
 * and merged pairwise into a d-way tensor with modes m_k·n_k, which {@link toTTTensor}'s TT-SVD factors; core k
 * is then reshaped to [r_{k−1}, m_k, n_k, r_k]. Same rank rules and `epsilon` guarantee as toTTTensor
 * (‖A − TT‖_F ≤ ε·‖A‖_F unless `maxTTRank` binds), and the same error for a NaN or ±Infinity entry, which
 * would make every entry of the result NaN. Not differentiable.
 *
 * Complexity: as {@link toTTTensor} with modes m_k·n_k, plus one transpose of the matrix.
 *
 * @param dense the matrix [Πm, Πn]: a float32 or int32 tensor or nested arrays of numbers; every entry finite.
 * @param shape `[[m_1..m_d], [n_1..n_d]]`; either part may be `null` for all ones (`[[m..], null]` is a column
 *   vector, T3F's `((m..), None)`).
 * @param options `maxTTRank` (default 10; a list of d + 1 has its ends ignored, as in T3F), `epsilon`; no other
 *   keys.
 * @returns a new TT-matrix TensorTrain with ranks ≤ maxTTRank.
 * @throws Error naming `toTTMatrix` for a shape that is not a TT-matrix shape, a `dense` that is not a
 *   [Πm, Πn] matrix of numbers, a NaN or ±Infinity entry, a bad `maxTTRank`, a negative `epsilon` or an
 *   unknown option.
 * @example
 * const w = toTTMatrix(tf.randomNormal([8, 27]), [[2, 2, 2], [3, 3, 3]], { maxTTRank: 4 }); // ranks [1, 4, 4, 1]
 * @see I. V. Oseledets, "Approximation of 2^d × 2^d matrices using tensor decomposition", SIAM J. Matrix Anal.
 *   Appl. 31(4), 2010 (TT-matrix format); Oseledets 2011, Algorithm 1 (TT-SVD).
 * @category Decompositions
 */
export function toTTMatrix(dense: tf.Tensor | tf.TensorLike, shape: ShapeSpec, options: ToTTOptions = {}): TensorTrain {
  assertOptions('toTTMatrix', options, ['maxTTRank', 'epsilon']);
  const { maxTTRank = 10, epsilon } = options ?? {};
  checkEpsilon(epsilon, 'toTTMatrix');
  const rawShape = toRawShape(shape, 'toTTMatrix');
  if (rawShape.length !== 2) {
    throw new Error(
      `toTTMatrix: argument 'shape' must be a TT-matrix shape [rows, columns], got the TT-tensor shape ${formatRawShape(rawShape)}`,
    );
  }
  const [m, n] = rawShape;
  const d = m.length;
  const maxRanks = expandRankCaps(maxTTRank, d, 'toTTMatrix');
  return tidyObject(() => {
    const matrix = floatInput(dense, 'toTTMatrix', 'dense');
    const rows = m.reduce((a, b) => a * b, 1);
    const columns = n.reduce((a, b) => a * b, 1);
    if (matrix.rank !== 2 || matrix.shape[0] !== rows || matrix.shape[1] !== columns) {
      throw new Error(
        `toTTMatrix: argument 'dense' must be a [${rows},${columns}] matrix for the shape ${formatRawShape(rawShape)}, got shape [${matrix.shape.join(',')}]`,
      );
    }
    checkFiniteDense(matrix, 'toTTMatrix', 'dense');
    const order = m.flatMap((_, k) => [k, d + k]);
    const sizes = modeSizes(rawShape);
    const tensor = tf.reshape(tf.transpose(tf.reshape(matrix, [...m, ...n]), order), sizes);
    const cores = ttSvd(tensor, sizes, maxRanks, epsilon).map((core, k) =>
      tf.reshape(core, [core.shape[0]!, m[k]!, n[k]!, core.shape[2]!]),
    );
    return new TensorTrain(cores);
  });
}
