import { assertOptions } from '@proj/core';
import { truncatedSvd } from '@proj/core/linalg';
import { batchMatMul, tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { coresWithBatch, fromBatchedCores } from '../internal/batch.js';
import { coreModes } from '../internal/cores.js';
import { checkFiniteCores } from '../internal/finite.js';
import { checkEpsilon } from '../internal/tt-svd.js';
import { expandRankCaps, modeSizes, type RankSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { orthogonalizeCores } from './orthogonalize.js';

/** Options of {@link round}: at least one of the two is required. */
export interface RoundOptions {
  /**
   * Largest TT-ranks: one integer for every inner bond, or a list of d + 1 whose entry k caps r_k (its two ends
   * are ignored, as in T3F: the end ranks are 1). Default: no cap.
   */
  readonly maxTTRank?: RankSpec;
  /**
   * Relative accuracy ε ≥ 0: ‖A − round(A)‖_F ≤ ε·‖A‖_F per element, with the smallest ranks the sweep can
   * give (unless `maxTTRank` binds, which wins).
   */
  readonly epsilon?: number;
}

/**
 * TT-rounding: a TT object with smaller TT-ranks close to `tt` (T3F `round`).
 *
 * 1. Left-to-right {@link orthogonalize} (ranks shrink to their natural bounds).
 * 2. Right to left, for k = d..2: C = G_k unfolded as r_{k−1} × (n_k·r_k); truncated SVD C ≈ U·diag(s)·Vᵀ with
 *    r_{k−1} = min(maxTTRank_{k−1}, rows, columns) (T3F's rule, zero singular values included), lowered with
 *    `epsilon` to the fewest singular values whose discarded tail is ≤ δ = ε·‖A‖_F/√(d − 1), where ‖A‖_F is
 *    read off the last orthogonalized core; G_k ← Vᵀ and G_{k−1} ← G_{k−1}·U·diag(s).
 *
 * Cores 2..d of the result are right-orthonormal. Quasi-optimal: ‖A − round(A)‖_F ≤ √(Σ_k ε_k²) ≤
 * √(d − 1)·(best error with these ranks), ε_k the best rank-r_k error of the k-th unfolding; with `epsilon`
 * (and no binding cap) ‖A − round(A)‖_F ≤ ε·‖A‖_F. T3F ignores `epsilon` (issue #202) and requires
 * `maxTTRank`.
 *
 * Batches share one set of ranks: each step keeps the largest rank any element needs, so every element
 * meets its own ε (some keep more than they need). The whole batch goes through one QR or truncated-SVD call
 * (`@proj/core/linalg`: host float64 or backend products, its choice) and one `batchMatMul` per core. Not
 * differentiable. Cores with a NaN or ±Infinity entry are an error (the QRs and SVDs would make every entry of
 * the result NaN); they are checked on the host first.
 *
 * Complexity: O(d·n·r³) flops per element (r = max input rank): d − 1 QRs of (r·n) × r and d − 1 SVDs of
 * r × (n·r′) matrices.
 *
 * @param tt a TT-tensor, TT-matrix or a batch of either.
 * @param options `maxTTRank` and/or `epsilon`; no other keys.
 * @returns a new TT object of the same kind with ranks ≤ maxTTRank.
 * @throws Error naming `round` when neither option is given, for an unknown option (`maxTTrank`), a bad
 *   `maxTTRank` (not a positive integer or a list of d + 1 of them), a negative `epsilon`, a non-TT argument
 *   or a NaN or ±Infinity core entry.
 * @example
 * const small = round(add(a, b), { maxTTRank: 4 });
 * const accurate = round(x, { epsilon: 1e-4 }); // ‖x − accurate‖_F ≤ 1e-4·‖x‖_F
 * @see I. V. Oseledets, "Tensor-Train Decomposition", SIAM J. Sci. Comput. 33(5), 2011, Algorithm 2 and
 *   Corollary 2.4.
 * @category Decompositions
 */
export function round<T extends TensorTrain | TensorTrainBatch>(tt: T, options: RoundOptions): T;
export function round(tt: TensorTrain | TensorTrainBatch, options: RoundOptions): TensorTrain | TensorTrainBatch {
  const batchSize = assertTT(tt, 'round', 'tt');
  assertOptions('round', options, ['maxTTRank', 'epsilon']);
  const { maxTTRank, epsilon } = options ?? {};
  if (maxTTRank === undefined && epsilon === undefined) {
    throw new Error("round: pass 'maxTTRank', 'epsilon' or both in the options, got neither");
  }
  checkEpsilon(epsilon, 'round');
  const maxRanks = maxTTRank === undefined ? undefined : expandRankCaps(maxTTRank, tt.ndims, 'round');
  checkFiniteCores(tt, 'round', 'tt');
  return roundCores(tt, batchSize, maxRanks, epsilon);
}

/**
 * The sweep of {@link round} on a checked TT object with expanded rank caps, without the finiteness check:
 * for callers that check their own inputs (the approximate sums).
 */
export function roundCores(
  tt: TensorTrain | TensorTrainBatch,
  batchSize: number | undefined,
  maxRanks: readonly number[] | undefined,
  epsilon: number | undefined,
): TensorTrain | TensorTrainBatch {
  const d = tt.ndims;
  return tidyObject(() => {
    const b = batchSize ?? 1;
    const orthogonal = orthogonalizeCores(tt, batchSize);
    const cores = coresWithBatch(orthogonal, b);
    const ranks = [...orthogonal.ranks];
    const sizes = modeSizes(tt.rawShape);
    const shapeOf = (k: number, left: number, right: number) => [b, left, ...coreModes(tt.rawShape, k), right];
    // With epsilon, each element is scaled to unit norm so that one absolute budget δ = ε/√(d − 1) serves
    // the whole batch; the norms (a zero tensor keeps 1) are multiplied back into the first core.
    let norms: tf.Tensor | undefined;
    if (epsilon !== undefined && d > 1) {
      const last = cores[d - 1]!;
      const norm = tf.sqrt(tf.sum(tf.square(last), [1, 2, 3, 4].slice(0, last.rank - 1)));
      norms = tf.reshape(tf.where(tf.greater(norm, 0), norm, tf.onesLike(norm)), [b, 1, 1, 1, 1].slice(0, last.rank));
      cores[d - 1] = tf.div(last, norms);
    }
    const absTol = epsilon === undefined || d === 1 ? undefined : epsilon / Math.sqrt(d - 1);
    for (let k = d - 1; k > 0; k--) {
      const unfolding = tf.reshape(cores[k]!, [b, ranks[k]!, sizes[k]! * ranks[k + 1]!]);
      const { u, s, v } = truncatedSvd(unfolding, {
        ...(maxRanks === undefined ? {} : { maxRank: maxRanks[k]! }),
        ...(absTol === undefined ? {} : { absTol }),
      });
      const rank = s.shape[1]!;
      cores[k] = tf.reshape(tf.transpose(v, [0, 2, 1]), shapeOf(k, rank, ranks[k + 1]!));
      const scaledU = tf.mul(u, tf.reshape(s, [b, 1, rank]));
      const previous = batchMatMul(tf.reshape(cores[k - 1]!, [b, -1, ranks[k]!]), scaledU);
      cores[k - 1] = tf.reshape(previous, shapeOf(k - 1, ranks[k - 1]!, rank));
      ranks[k] = rank;
    }
    if (norms !== undefined) cores[0] = tf.mul(cores[0]!, norms);
    return fromBatchedCores(cores, batchSize);
  });
}
