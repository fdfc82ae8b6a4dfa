import type { RawShape } from '@proj/tt';
import { TensorTrain, TensorTrainBatch } from '@proj/tt';
import { tangentRanks } from './internal/blocks.js';
import { describe } from './internal/describe.js';
import { formatRanks, formatRawShape, sameRawShape } from './internal/shapes.js';
import { TangentSpace } from './tangent-space.js';

/**
 * A tangent vector (or a batch of tangent vectors) of the fixed-rank TT manifold, remembering the point it is
 * tangent at (T3F's `projection_on`, made a type).
 *
 * `tt` is the vector as an ordinary TT object of TT-ranks [1, 2r_1, …, 2r_{d−1}, 1] (r the point's ranks),
 * usable with every `@proj/tt` function, with the block cores of Lubich–Oseledets–Vandereycken:
 * core_1 = [dU_1 U_1], core_k = [[V_k, 0], [dU_k, U_k]], core_d = [V_d; dU_d], so that
 * tt = Σ_k U_1⋯U_{k−1}·dU_k·V_{k+1}⋯V_d. `space` holds the point and its orthogonalizations U and V.
 *
 * Functions that combine tangent vectors (`addNProjected`, `pairwiseFlatInnerProjected`, …) require the
 * same point (the same `TensorTrain` object) and throw otherwise. The vector owns `tt` and its own handles on
 * the space's tensors (sharing their data), so `dispose()` frees exactly what it holds.
 *
 * @typeParam T `TensorTrain` for one vector, `TensorTrainBatch` for a batch at the same point.
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, §3; Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 * @category Tangent spaces
 */
export class TangentVector<T extends TensorTrain | TensorTrainBatch = TensorTrain | TensorTrainBatch> {
  /** The vector(s) as a TT object of ranks [1, 2r_1, …, 2r_{d−1}, 1] (owned). */
  readonly tt: T;
  /** The tangent space: the point and its orthogonalizations (owned handles). */
  readonly space: TangentSpace;

  /**
   * Wraps a rank-2r TT object in the block form above (as `project` and `deltasToTangentSpace` build it) as a
   * tangent vector at `space`; takes ownership of both. The block structure is not checked, only shapes.
   *
   * @throws Error when `tt` is not a TT object with the space's raw shape and ranks [1, 2r_1, …, 2r_{d−1}, 1].
   */
  constructor(tt: T, space: TangentSpace) {
    if (!(space instanceof TangentSpace)) {
      throw new Error(`TangentVector: argument 'space' must be a TangentSpace, got ${describe(space)}`);
    }
    if (!(tt instanceof TensorTrain) && !(tt instanceof TensorTrainBatch)) {
      throw new Error(`TangentVector: argument 'tt' must be a TensorTrain or TensorTrainBatch, got ${describe(tt)}`);
    }
    if (!sameRawShape(tt.rawShape, space.rawShape)) {
      throw new Error(
        `TangentVector: argument 'tt' has raw shape ${formatRawShape(tt.rawShape)}, but the tangent space has ${formatRawShape(space.rawShape)}`,
      );
    }
    const expected = tangentRanks(space.ranks);
    if (tt.ranks.some((r, k) => r !== expected[k])) {
      throw new Error(
        `TangentVector: argument 'tt' must have TT-ranks ${formatRanks(expected)} (twice the point's ${formatRanks(space.ranks)}), got ${formatRanks(tt.ranks)}`,
      );
    }
    this.tt = tt;
    this.space = space;
  }

  /** The point the vector is tangent at. */
  get point(): TensorTrain {
    return this.space.point;
  }

  /** Batch size, or undefined for a single vector. */
  get batchSize(): number | undefined {
    return this.tt instanceof TensorTrainBatch ? this.tt.batchSize : undefined;
  }

  /** Raw shape of the point (and of the vector). */
  get rawShape(): RawShape {
    return this.space.rawShape;
  }

  /** Number of cores d. */
  get ndims(): number {
    return this.space.ndims;
  }

  /** True once `dispose()` ran (or a core was disposed otherwise). */
  get isDisposed(): boolean {
    return this.tt.cores.some((core) => core.isDisposed) || this.space.isDisposed;
  }

  /** Frees the vector's cores and its handles on the tangent space (never the point). */
  dispose(): void {
    this.tt.dispose();
    this.space.dispose();
  }

  /** `A tangent vector at a Tensor Train of shape [2,3,4], TT-ranks [1,2,2,1]` (or `A batch of 5 tangent vectors …`). */
  toString(): string {
    const kind = this.space.isMatrix ? 'a TT-Matrix' : 'a Tensor Train';
    const what = this.batchSize === undefined ? 'A tangent vector' : `A batch of ${this.batchSize} tangent vectors`;
    return `${what} at ${kind} of shape ${formatRawShape(this.rawShape)}, TT-ranks ${formatRanks(this.space.ranks)}`;
  }
}
