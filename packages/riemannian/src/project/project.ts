import { tidyObject } from '@proj/core/ops';
import type { TensorTrain, TensorTrainBatch } from '@proj/tt';
import { assertTT } from '../internal/assert.js';
import { ttOperand } from '../internal/operands.js';
import { combineBlocks, projectionSweep } from '../internal/projection-sweep.js';
import { assertShapeOfPoint, assertWhere, spaceFor } from '../internal/space.js';
import { copyTT, vectorFromDeltas } from '../internal/vector.js';
import type { TangentSpace } from '../tangent-space.js';
import { TangentVector } from '../tangent-vector.js';

/**
 * Orthogonal projection P_X(Z) of a TT object (or of each element of a batch) onto the tangent space at X of
 * the manifold of TT objects with X's TT-ranks (T3F `project`, Lubich–Oseledets–Vandereycken Theorem 3.1).
 *
 * With U = X left- and V = X right-orthogonalized, P_X(Z) = Σ_k U_{<k}·dU_k·V_{>k} with
 * dU_k = (I − U_kU_kᵀ)·(U_{<k}ᵀ·Z·V_{>k}ᵀ) for k < d (the gauge U_kᵀ·dU_k = 0) and dU_d = U_{<d}ᵀ·Z, computed
 * by one right-to-left and one left-to-right sweep of contractions (batched matMuls, no dense tensor). A
 * {@link TangentVector} `what` at another point is transported to X (vector transport by projection); one at
 * X is returned as a copy (P_X is idempotent).
 *
 * Complexity: O(d·n·r³) to orthogonalize X (skipped when `where` is a {@link TangentSpace}) plus
 * O(B·d·n·s·r·(s + r)) for the sweeps; r = X's largest rank, s = Z's, n the largest mode size (m·n for
 * TT-matrices). Differentiable with respect to Z's cores (not X's: QR).
 *
 * @param what Z: a TT-tensor or TT-matrix, a batch of them, or a tangent vector, with X's raw shape; any ranks.
 * @param where X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @returns P_X(Z) as a {@link TangentVector} at X (a batch for a batch): a TT object of ranks
 *   [1, 2r_1, …, 2r_{d−1}, 1].
 * @throws Error naming `project` for non-TT arguments, a batch or single-core `where`, or different raw shapes.
 * @example
 * const g = project(subtract(x, a), x); // Riemannian gradient of ½‖X − A‖² at X
 * console.log(g.tt.ranks); // [1, 2r_1, …, 1]
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, Theorem 3.1; Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30),
 *   2020 (`t3f.project`).
 * @category Projections
 */
export function project(
  what: TensorTrain | TangentVector<TensorTrain>,
  where: TensorTrain | TangentSpace,
): TangentVector<TensorTrain>;
export function project(
  what: TensorTrainBatch | TangentVector<TensorTrainBatch>,
  where: TensorTrain | TangentSpace,
): TangentVector<TensorTrainBatch>;
export function project(
  what: TensorTrain | TensorTrainBatch | TangentVector,
  where: TensorTrain | TangentSpace,
): TangentVector;
export function project(
  what: TensorTrain | TensorTrainBatch | TangentVector,
  where: TensorTrain | TangentSpace,
): TangentVector {
  const fn = 'project';
  const z = what instanceof TangentVector ? what.tt : what;
  const batchSize = assertTT(z, fn, 'what');
  const point = assertWhere(where, fn);
  assertShapeOfPoint(z, point, fn, 'what');
  return tidyObject(() => {
    const space = spaceFor(where);
    if (what instanceof TangentVector && what.point === point) return new TangentVector(copyTT(what.tt), space);
    return vectorFromDeltas(space, combineBlocks(space, projectionSweep(space, ttOperand(z))), batchSize);
  });
}
