import { alias } from '@proj/core/ops';
import type { RawShape } from '@proj/tt';
import { TensorTrain } from '@proj/tt';
import { describe } from './internal/describe.js';
import { formatRanks, formatRawShape, sameRawShape } from './internal/shapes.js';

/**
 * The tangent space T_X M_r of the manifold M_r of TT-tensors (or TT-matrices) of fixed TT-rank r at a point X:
 * the point and its two orthogonalizations, which every tangent-space operation needs.
 *
 * - `left` (U_1..U_d): X left-orthogonalized; the left unfoldings (r_{k−1}·n_k × r_k) of U_1..U_{d−1} have
 *   orthonormal columns.
 * - `right` (V_1..V_d): `left` right-orthogonalized; the right unfoldings (r_{k−1} × n_k·r_k) of V_2..V_d have
 *   orthonormal rows, and V_1 carries the norm: X = V_1·V_2⋯V_d.
 *
 * Both have the same TT-ranks r (the point's ranks, lowered to what the orthogonalizations can keep, e.g.
 * r_k ≤ min(Π_{j≤k} n_j, Π_{j>k} n_j) when X's ranks exceed the mode sizes). A tangent vector is
 * dX = Σ_k U_1⋯U_{k−1}·dU_k·V_{k+1}⋯V_d with the gauge conditions U_kᵀ·dU_k = 0 (left unfoldings, k < d).
 *
 * Build one with {@link tangentSpace} (two QR sweeps, O(d·n·r³)) and pass it instead of the point to
 * `project`, `projectSum`, `projectMatmul`, `deltasToTangentSpace`, `gradients`, … to orthogonalize X once
 * for many calls. The space owns `left` and `right` (`dispose()` frees them) but only refers to `point`, which
 * identifies it: tangent vectors are compatible when their spaces have the same `point` object.
 *
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, §3 (Theorem 3.1: the tangent space and its projector).
 * @category Tangent spaces
 */
export class TangentSpace {
  /** The point X (not owned: disposing the space leaves it alone). */
  readonly point: TensorTrain;
  /** U_1..U_d: X left-orthogonalized (owned). */
  readonly left: TensorTrain;
  /** V_1..V_d: X right-orthogonalized, V_1 carrying the norm (owned). */
  readonly right: TensorTrain;

  /**
   * Wraps precomputed orthogonalizations (T3F's `left`/`right` arguments of `deltas_to_tangent_space`); use
   * {@link tangentSpace} to compute them. Takes ownership of `left` and `right`. Their orthonormality is not
   * checked.
   *
   * @throws Error when an argument is not a TensorTrain, the raw shapes differ or `left` and `right` have
   *   different ranks.
   */
  constructor(point: TensorTrain, left: TensorTrain, right: TensorTrain) {
    for (const [name, value] of [
      ['point', point],
      ['left', left],
      ['right', right],
    ] as const) {
      if (!(value instanceof TensorTrain)) {
        throw new Error(`TangentSpace: argument '${name}' must be a TensorTrain, got ${describe(value)}`);
      }
    }
    for (const [name, value] of [
      ['left', left],
      ['right', right],
    ] as const) {
      if (!sameRawShape(value.rawShape, point.rawShape)) {
        throw new Error(
          `TangentSpace: argument '${name}' has raw shape ${formatRawShape(value.rawShape)}, but the point has ${formatRawShape(point.rawShape)}`,
        );
      }
    }
    if (left.ranks.some((r, k) => r !== right.ranks[k])) {
      throw new Error(
        `TangentSpace: 'left' and 'right' must have the same TT-ranks, got ${formatRanks(left.ranks)} and ${formatRanks(right.ranks)}`,
      );
    }
    this.point = point;
    this.left = left;
    this.right = right;
  }

  /** TT-ranks r of the manifold (of `left` and `right`); tangent vectors have ranks [1, 2r_1, …, 2r_{d−1}, 1]. */
  get ranks(): readonly number[] {
    return this.left.ranks;
  }

  /** Raw shape of the point. */
  get rawShape(): RawShape {
    return this.point.rawShape;
  }

  /** Number of cores d. */
  get ndims(): number {
    return this.left.ndims;
  }

  /** True when the point is a TT-matrix. */
  get isMatrix(): boolean {
    return this.left.isMatrix;
  }

  /** True once `dispose()` ran (or the cores were disposed otherwise). */
  get isDisposed(): boolean {
    return [...this.left.cores, ...this.right.cores].some((core) => core.isDisposed);
  }

  /**
   * A second handle on the same space: new tensor handles on the same data (no copy), the same point.
   * Disposing one handle leaves the other intact.
   */
  clone(): TangentSpace {
    const copy = (tt: TensorTrain) => new TensorTrain(tt.cores.map((core) => alias(core)));
    return new TangentSpace(this.point, copy(this.left), copy(this.right));
  }

  /** Frees `left` and `right` (not the point). */
  dispose(): void {
    this.left.dispose();
    this.right.dispose();
  }

  /** `Tangent space at a Tensor Train of shape [2,3,4], TT-ranks [1,2,2,1]`. */
  toString(): string {
    const kind = this.isMatrix ? 'a TT-Matrix' : 'a Tensor Train';
    return `Tangent space at ${kind} of shape ${formatRawShape(this.rawShape)}, TT-ranks ${formatRanks(this.ranks)}`;
  }
}
