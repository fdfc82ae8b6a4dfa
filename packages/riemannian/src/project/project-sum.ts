import { tidyObject } from '@proj/core/ops';
import type { TensorTrain, TensorTrainBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { numericArgument } from '../internal/numeric.js';
import { ttOperand } from '../internal/operands.js';
import { combineBlocks, projectionSweep } from '../internal/projection-sweep.js';
import { assertShapeOfPoint, assertWhere, spaceFor } from '../internal/space.js';
import { vectorFromDeltas } from '../internal/vector.js';
import type { TangentSpace } from '../tangent-space.js';
import type { TangentVector } from '../tangent-vector.js';

/**
 * Projection of a (weighted) sum of TT objects onto the tangent space at X, without forming the sum (T3F
 * `project_sum`): P_X(Σ_b Z_b), P_X(Σ_b w_b·Z_b) with a weight vector w [B], or the batch
 * [P_X(Σ_b W_{b,j}·Z_b)]_j with a weight matrix W [B, N].
 *
 * The sweeps of {@link project} run once over the batch; the per-element blocks are then combined with the
 * weights (one matMul per core) before the gauge projection, so the cost is that of projecting the batch plus
 * O(N·B·d·n·r²). A rank-1 Z_b per observed entry weighted by the residuals gives the Riemannian gradient of a
 * least-squares completion loss (Steinlechner 2016). Differentiable with respect to the weights and Z's cores.
 *
 * Unlike T3F, a weight matrix always gives a batch (T3F returns a single TT for a matrix [B, 1]).
 *
 * Complexity: O(d·n·r³) to orthogonalize X (skipped for a {@link TangentSpace}) + O(B·d·n·s·r·(s + r)) +
 * O(N·B·d·n·r²).
 *
 * @param what Z: a TT object or a batch of B, with X's raw shape (a single TT is a batch of 1).
 * @param where X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @param weights none (plain sum), a vector [B], or a matrix [B, N]; numbers, arrays or a float32 tensor.
 * @returns a {@link TangentVector} at X: single for no weights or a vector, a batch of N for a matrix.
 * @throws Error naming `projectSum` for non-TT arguments, different raw shapes, or weights of the wrong shape.
 * @example
 * const g = projectSum(indicators, x, residuals); // P_X(Σ_p residual_p·e_{i_p})
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, Theorem 3.1; M. Steinlechner, "Riemannian optimization for high-dimensional tensor
 *   completion", SIAM J. Sci. Comput. 38(5), 2016; T3F `project_sum`.
 * @category Projections
 */
export function projectSum(
  what: TensorTrain | TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  weights?: tf.Tensor1D | readonly number[],
): TangentVector<TensorTrain>;
export function projectSum(
  what: TensorTrain | TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  weights: tf.Tensor2D | readonly (readonly number[])[],
): TangentVector<TensorTrainBatch>;
export function projectSum(
  what: TensorTrain | TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  weights?: tf.Tensor | tf.TensorLike,
): TangentVector;
export function projectSum(
  what: TensorTrain | TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  weights?: tf.Tensor | tf.TensorLike,
): TangentVector {
  const fn = 'projectSum';
  const batch = assertTT(what, fn, 'what') ?? 1;
  const point = assertWhere(where, fn);
  assertShapeOfPoint(what, point, fn, 'what');
  return tidyObject(() => {
    const w = weightMatrix(weights, batch, fn);
    const space = spaceFor(where);
    const deltas = combineBlocks(space, projectionSweep(space, ttOperand(what)), w.matrix);
    return vectorFromDeltas(space, deltas, w.isMatrix ? w.matrix.shape[1] : undefined);
  });
}

/** The weights as a [B, N] matrix (N = 1 for none or a vector). Call inside a tidy. */
function weightMatrix(
  weights: tf.Tensor | tf.TensorLike | undefined,
  batch: number,
  fn: string,
): { matrix: tf.Tensor; isMatrix: boolean } {
  if (weights === undefined) return { matrix: tf.ones([batch, 1]), isMatrix: false };
  const tensor = numericArgument(
    weights,
    fn,
    'weights',
    'a vector [B] or a matrix [B, N] of numbers (an array or a float32 or int32 tensor)',
  );
  if ((tensor.rank !== 1 && tensor.rank !== 2) || tensor.shape[0] !== batch || tensor.size === 0) {
    throw new Error(
      `${fn}: argument 'weights' must have shape [${batch}] or [${batch}, N] (one row per element of 'what'), got [${tensor.shape.join(',')}]`,
    );
  }
  return tensor.rank === 1
    ? { matrix: tf.reshape(tensor, [batch, 1]), isMatrix: false }
    : { matrix: tensor, isMatrix: true };
}
