import { tidyObject } from '@proj/core/ops';
import type { TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { deltaShape } from '../internal/blocks.js';
import { assertWhere, spaceFor } from '../internal/space.js';
import { vectorFromDeltas } from '../internal/vector.js';
import type { TangentSpace } from '../tangent-space.js';
import type { TangentVector } from '../tangent-vector.js';

/**
 * The tangent vector Σ_k U_1⋯U_{k−1}·δ_k·V_{k+1}⋯V_d at X from its blocks (T3F `deltas_to_tangent_space`),
 * as the rank-2r TT with cores [δ_1 U_1], [[V_k, 0], [δ_k, U_k]], [V_d; δ_d]. Correct for any ranks, uneven
 * included (T3F #193 sized the V blocks with the left ranks). Differentiable with respect to the δ_k: this is
 * the parametrization Riemannian autodiff differentiates through.
 *
 * The sum is a tangent vector whatever the δ_k; they are its coordinates from {@link tangentSpaceToDeltas}
 * (and the norm identity ‖dX‖² = Σ‖δ_k‖² and `pairwiseFlatInnerProjected` hold) only under the gauge
 * U_kᵀ·δ_k = 0 (left unfoldings, k < d), which is not checked.
 *
 * Complexity: O(d·n·r²) (concatenations).
 *
 * @param deltas d tensors δ_k of shape [r_{k−1}, ...modes_k, r_k] (the shapes of U_k, r the tangent space's
 *   ranks), or all with a leading batch axis [B, …] for a batch.
 * @param where X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @returns a {@link TangentVector} at X (a batch for batched δ).
 * @throws Error naming `deltasToTangentSpace` for a wrong number of deltas, non-tensors, or wrong shapes.
 * @example
 * const v = deltasToTangentSpace(tangentSpaceToDeltas(u), x); // the same vector as u
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, §3; T3F `deltas_to_tangent_space`.
 * @category Tangent spaces
 */
export function deltasToTangentSpace(deltas: readonly tf.Tensor[], where: TensorTrain | TangentSpace): TangentVector {
  const fn = 'deltasToTangentSpace';
  const point = assertWhere(where, fn);
  if (!Array.isArray(deltas) || deltas.length !== point.ndims) {
    throw new Error(`${fn}: argument 'deltas' must be an array of d = ${point.ndims} tensors, one per core`);
  }
  deltas.forEach((delta, k) => {
    if (!(delta instanceof tf.Tensor) || delta.isDisposed || delta.dtype !== 'float32') {
      throw new Error(`${fn}: deltas[${k}] must be a live float32 tensor`);
    }
  });
  const coreRank = point.isMatrix ? 4 : 3;
  const batched = deltas[0]!.rank === coreRank + 1;
  const batchSize = batched ? deltas[0]!.shape[0]! : undefined;
  return tidyObject(() => {
    const space = spaceFor(where);
    deltas.forEach((delta, k) => {
      const expected = deltaShape(space, k, batchSize);
      if (delta.rank !== expected.length || delta.shape.some((size: number, axis: number) => size !== expected[axis])) {
        throw new Error(
          `${fn}: deltas[${k}] must have shape [${expected.join(',')}] (${batched ? 'batch, ' : ''}r_${k}, modes, r_${k + 1} of the tangent space's ranks [${space.ranks.join(',')}]), got [${delta.shape.join(',')}]`,
        );
      }
    });
    return vectorFromDeltas(space, deltas, batchSize);
  });
}
