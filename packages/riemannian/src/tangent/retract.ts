import { tidyObject } from '@proj/core/ops';
import { type RankSpec, round, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { assertVector } from '../internal/assert.js';
import { assembleCores, sliceDeltas } from '../internal/blocks.js';
import type { TangentVector } from '../tangent-vector.js';

/** Options of {@link retract}. */
export interface RetractOptions {
  /** TT-ranks of the result: one integer or [1, r_1, …, 1]; default the tangent space's ranks r. */
  readonly maxTTRank?: RankSpec;
}

/**
 * The retraction by rounding R_X(t·ξ) = round(X + t·ξ, r): a step from X along a tangent vector ξ, back onto
 * the manifold of TT-ranks r (the retraction of T3F's Riemannian tutorial, a metric projection up to TT-SVD's
 * √(d−1) quasi-optimality; Steinlechner 2016, §4).
 *
 * X + t·ξ is formed without rank growth beyond 2r, reusing ξ's blocks: with X = V_1·V_2⋯V_d,
 * X + t·ξ = [V_1 + t·dU_1, U_1]·[[V_k, 0], [t·dU_k, U_k]]⋯[V_d; t·dU_d], then rounded (`@proj/tt`'s `round`).
 *
 * Complexity: O(d·n·r³) (rounding a rank-2r TT: QR and SVD on the host).
 *
 * @param vector ξ: a single {@link TangentVector} at X.
 * @param step t (default 1).
 * @param options `maxTTRank`.
 * @returns a new TensorTrain of ranks ≤ maxTTRank.
 * @throws Error naming `retract` for a non-vector or a batch, a non-finite step, or a bad `maxTTRank`.
 * @example
 * const next = retract(gradient, -0.5); // X − 0.5·grad f(X), rounded back to X's ranks
 * @see P.-A. Absil, R. Mahony, R. Sepulchre, Optimization Algorithms on Matrix Manifolds, Princeton 2008,
 *   §4.1 (retractions); M. Steinlechner, "Riemannian optimization for high-dimensional tensor completion",
 *   SIAM J. Sci. Comput. 38(5), 2016.
 * @category Optimization
 */
export function retract(vector: TangentVector, step = 1, options: RetractOptions = {}): TensorTrain {
  const fn = 'retract';
  const v = assertVector(vector, fn, 'vector');
  if (v.batchSize !== undefined) {
    throw new Error(`${fn}: argument 'vector' must be a single tangent vector, got a batch of ${v.batchSize}`);
  }
  if (typeof step !== 'number' || !Number.isFinite(step)) {
    throw new Error(`${fn}: argument 'step' must be a finite number, got ${String(step)}`);
  }
  const space = v.space;
  return tidyObject(() => {
    const deltas = sliceDeltas(space, v.tt.cores, false).map((delta, k) => {
      const scaled = tf.mul(delta, step);
      return k === 0 ? tf.add(scaled, space.right.cores[0]!) : scaled;
    });
    const sum = new TensorTrain(assembleCores(space, deltas, undefined));
    return round(sum, { maxTTRank: options.maxTTRank ?? [...space.ranks] });
  });
}
