import * as tf from '@tensorflow/tfjs-core';
import { assertSamePoint, assertVector } from '../internal/assert.js';
import { flatDeltas } from '../internal/coordinates.js';
import type { TangentVector } from '../tangent-vector.js';

/**
 * All inner products ⟨a_i, b_j⟩ of two batches of tangent vectors at the same point (T3F
 * `pairwise_flat_inner_projected`), from their blocks alone: res[i, j] = Σ_k ⟨dU_k^(i), dU_k^(j)⟩, one matMul
 * of the concatenated blocks. Equals `pairwiseFlatInner(a.tt, b.tt)` under the gauge conditions, which every
 * vector this package makes satisfies, at O(d·n·r²) per pair instead of O(d·n·r³).
 *
 * Complexity: O(Ba·Bb·d·n·r²).
 *
 * @param a a {@link TangentVector} or a batch (a single vector counts as a batch of one).
 * @param b a {@link TangentVector} or a batch at the same point.
 * @returns the Gram matrix [Ba, Bb].
 * @throws Error naming `pairwiseFlatInnerProjected` when an argument is not a live TangentVector or the
 *   points differ.
 * @example
 * const gram = pairwiseFlatInnerProjected(vectors, vectors); // [B, B]
 * @see T3F `pairwise_flat_inner_projected`; C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of
 *   tensor trains", SIAM J. Numer. Anal. 53(2), 2015, §3.
 * @category Tangent spaces
 */
export function pairwiseFlatInnerProjected(a: TangentVector, b: TangentVector): tf.Tensor2D {
  const fn = 'pairwiseFlatInnerProjected';
  assertVector(a, fn, 'a');
  assertVector(b, fn, 'b');
  assertSamePoint(
    [
      ['a', a],
      ['b', b],
    ],
    fn,
  );
  return tf.tidy(() => tf.matMul(flatDeltas(a), tf.transpose(flatDeltas(b))));
}
