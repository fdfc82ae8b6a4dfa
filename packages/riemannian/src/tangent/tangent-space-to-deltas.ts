import * as tf from '@tensorflow/tfjs-core';
import { assertVector } from '../internal/assert.js';
import { sliceDeltas } from '../internal/blocks.js';
import type { TangentVector } from '../tangent-vector.js';

/**
 * The blocks dU_1..dU_d of a tangent vector dX = Σ_k U_{<k}·dU_k·V_{>k} (T3F `tangent_space_to_deltas`), read
 * from its cores: dU_1 = core_1[…, :r_1], dU_k = core_k[r_{k−1}:, …, :r_k], dU_d = core_d[r_{d−1}:, …] (r the
 * point's ranks, also uneven). For vectors made by this package the gauge U_kᵀ·dU_k = 0 holds (k < d), the
 * d terms are mutually orthogonal and ‖dX‖_F² = Σ_k ‖dU_k‖_F²: the dU_k are coordinates of the tangent
 * space, d·n·r² numbers instead of the vector's 4·d·n·r².
 *
 * Complexity: O(d·n·r²) copying (one slice per core).
 *
 * @param vector a {@link TangentVector} (or a batch).
 * @returns d new tensors dU_k of shape [r_{k−1}, ...modes_k, r_k] ([B, …] for a batch).
 * @throws Error naming `tangentSpaceToDeltas` when `vector` is not a live TangentVector.
 * @example
 * const deltas = tangentSpaceToDeltas(project(z, x));
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, §3; T3F `tangent_space_to_deltas`.
 * @category Tangent spaces
 */
export function tangentSpaceToDeltas(vector: TangentVector): tf.Tensor[] {
  const v = assertVector(vector, 'tangentSpaceToDeltas', 'vector');
  return tf.tidy(() => sliceDeltas(v.space, v.tt.cores, v.batchSize !== undefined));
}
