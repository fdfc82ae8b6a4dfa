import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import { expandRanks, type RankSpec, round, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { assertVector } from '../internal/assert.js';
import { assembleCores, sliceDeltas } from '../internal/blocks.js';
import { describe, shown } from '../internal/describe.js';
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
 * @throws Error naming `retract` for a non-vector or a batch, a non-finite step, a bad `maxTTRank` or an unknown
 *   option, or when X + t·ξ has a NaN or infinite entry (rounding cannot take it).
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
    throw new Error(`${fn}: argument 'step' must be a finite number, got ${shown(step)}`);
  }
  assertOptions(fn, options, ['maxTTRank']);
  const ranks = checkMaxTTRank(options?.maxTTRank, v.ndims, fn) ?? [...v.space.ranks];
  const result = retractBy(v as TangentVector<TensorTrain>, step, ranks);
  if (result === undefined) {
    throw new Error(
      `${fn}: X + step·vector has NaN or infinite entries (a non-finite vector, or an overflow at step ${step}); it cannot be rounded`,
    );
  }
  return result;
}

/**
 * R_X(t·ξ) rounded to `ranks`, for arguments already checked (the optimizers' line search), or undefined when
 * X + t·ξ has a NaN or infinite entry (read back: rounding reads the cores anyway). Memory-neutral.
 */
export function retractBy(vector: TangentVector<TensorTrain>, step: number, ranks: RankSpec): TensorTrain | undefined {
  const space = vector.space;
  return tidyObject(() => {
    const deltas = sliceDeltas(space, vector.tt.cores, false).map((delta, k) => {
      const scaled = tf.mul(delta, step);
      return k === 0 ? tf.add(scaled, space.right.cores[0]!) : scaled;
    });
    const cores = assembleCores(space, deltas, undefined);
    const finite = tf.stack(cores.map((core) => tf.all(tf.isFinite(core)))).dataSync();
    if (finite.some((ok) => ok === 0)) return undefined as unknown as TensorTrain;
    return round(new TensorTrain(cores), { maxTTRank: ranks });
  }) as TensorTrain | undefined;
}

/**
 * Checks a `maxTTRank` option (`@proj/tt`'s rule: a positive integer or d + 1 positive integers) before any
 * work, so that the error names the function the user called; undefined when not given.
 *
 * @throws Error naming `fn` otherwise.
 */
export function checkMaxTTRank(maxTTRank: unknown, d: number, fn: string): RankSpec | undefined {
  if (maxTTRank === undefined) return undefined;
  if (typeof maxTTRank !== 'number' && !Array.isArray(maxTTRank)) {
    throw new Error(
      `${fn}: option 'maxTTRank' must be a positive integer or a list of d + 1 = ${d + 1} positive integers, got ${describe(maxTTRank)}`,
    );
  }
  expandRanks(maxTTRank as RankSpec, d, fn, 'options.maxTTRank');
  return maxTTRank as RankSpec;
}
