import { tidyObject } from '@proj/core/ops';
import { orthogonalize, type TensorTrain } from '@proj/tt';
import { assertFinitePoint, assertPoint } from '../internal/assert.js';
import { TangentSpace } from '../tangent-space.js';

/**
 * The tangent space of the fixed-rank TT manifold at `x`: U = `orthogonalize(x)` (left to right) and
 * V = `orthogonalize(U, {leftToRight: false})`, as in T3F's `project`. When x's ranks exceed what its shape
 * allows (r_k > Π_{j≤k} n_j or > Π_{j>k} n_j, T3F #154) or are otherwise redundant, the two sweeps lower them
 * differently; they are repeated until U and V have the same ranks (each repetition lowers the sum of the
 * ranks, so this ends), and the space is that of the manifold of the lowered ranks.
 *
 * Pass the result to `project`, `projectSum`, `projectMatmul`, `deltasToTangentSpace`, `gradients`, … to
 * orthogonalize once for many calls; dispose it when done (it does not own `x`).
 *
 * Complexity: O(d·n·r³) (two QR sweeps on the host in float64, `@proj/tt`'s `orthogonalize`), n the largest
 * mode size (m·n for TT-matrices), r the largest rank.
 *
 * @param x the point: a TensorTrain (TT-tensor or TT-matrix) with d ≥ 2 cores.
 * @returns a {@link TangentSpace} holding x, U and V.
 * @throws Error naming `tangentSpace` when x is not a live TensorTrain with at least 2 cores, or has a NaN or
 *   infinite entry.
 * @example
 * const space = tangentSpace(x);
 * const a = project(z1, space); // both at x, one orthogonalization
 * const b = project(z2, space);
 * space.dispose();
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, §3.
 * @category Tangent spaces
 */
export function tangentSpace(x: TensorTrain): TangentSpace {
  assertPoint(x, 'tangentSpace', 'x');
  assertFinitePoint(x, 'tangentSpace', 'x');
  return buildTangentSpace(x);
}

/** {@link tangentSpace} of a checked point (live, d ≥ 2, finite). */
export function buildTangentSpace(x: TensorTrain): TangentSpace {
  return tidyObject(() => {
    let left = orthogonalize(x);
    let right = orthogonalize(left, { leftToRight: false });
    while (left.ranks.some((r, k) => r !== right.ranks[k])) {
      left = orthogonalize(right);
      right = orthogonalize(left, { leftToRight: false });
    }
    return new TangentSpace(x, left, right);
  });
}
