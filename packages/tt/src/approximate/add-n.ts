import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { coresWithBatch, fromBatchedCores } from '../internal/batch.js';
import { checkFiniteCores } from '../internal/finite.js';
import { treeSum } from '../internal/tree-sum.js';
import { checkEpsilon } from '../internal/tt-svd.js';
import { expandRankCaps, formatRawShape, type RankSpec, sameRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/** Options of {@link addN}. */
export interface AddNOptions {
  /** Largest TT-ranks after each rounding: one integer for every inner bond, or d + 1 of them (see {@link round}). */
  readonly maxTTRank: RankSpec;
  /** Relative accuracy ε ≥ 0 of each rounding (relative to the partial sum it rounds); see {@link round}. */
  readonly epsilon?: number;
}

/**
 * Approximate sum of TT objects with rounding after each pairwise sum, in binary-tree order (T3F
 * `approximate.add_n`): round(round(a + b) + round(c + d)), log₂(L) levels. Every level is one batched
 * {@link round}: the terms are zero-padded to common ranks (which does not change them) and stacked into a
 * batch, and an odd level is padded with a zero TT (T3F carries the odd term up unrounded instead, so with an
 * odd count the last term may be rounded once more here). Ranks of the result ≤ maxTTRank. A single term is
 * returned as an unrounded copy, as in T3F.
 *
 * Accuracy: each rounding obeys {@link round}'s bounds relative to the partial sum it rounds, so with
 * `epsilon` the total error is at most ε·Σ(norms of the partial sums), not ε·‖Σ‖.
 *
 * TT objects of one raw shape; batches (and single TTs broadcast against them, as in `add`) are summed element
 * by element. Not differentiable (it rounds).
 *
 * Complexity: O(L·d·n·R³) flops with R = 2·max(maxTTRank, input ranks); ⌈log₂ L⌉ batched roundings.
 *
 * @param tts a non-empty list of TT-tensors or TT-matrices of the same raw shape (and broadcastable batch sizes).
 * @param options `maxTTRank` (required), `epsilon`.
 * @returns a new TensorTrain, or a TensorTrainBatch when a batch is among the terms.
 * @throws Error naming `addN` for an empty list, a non-TT element, mismatched raw shapes, batch sizes that do
 *   not broadcast, a bad `maxTTRank`, a negative `epsilon`, an unknown option, or a NaN or ±Infinity core
 *   entry (the roundings would make the whole sum NaN).
 * @example
 * const sum = addN([a, b, c], { maxTTRank: 8 });
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 * @category Approximate
 */
export function addN(tts: readonly TensorTrain[], options: AddNOptions): TensorTrain;
export function addN(
  tts: readonly (TensorTrain | TensorTrainBatch)[],
  options: AddNOptions,
): TensorTrain | TensorTrainBatch;
export function addN(
  tts: readonly (TensorTrain | TensorTrainBatch)[],
  options: AddNOptions,
): TensorTrain | TensorTrainBatch {
  if (!Array.isArray(tts as unknown) || tts.length === 0) {
    throw new Error(`addN: argument 'tts' must be a non-empty array of TT objects, got ${describeList(tts)}`);
  }
  const batchSizes = tts.map((tt, i) => assertTT(tt, 'addN', `tts[${i}]`));
  const first = tts[0]!;
  tts.forEach((tt, i) => {
    if (!sameRawShape(tt.rawShape, first.rawShape)) {
      throw new Error(
        `addN: all TT objects must have the same raw shape, got ${formatRawShape(first.rawShape)} (tts[0]) and ${formatRawShape(tt.rawShape)} (tts[${i}])`,
      );
    }
  });
  const batches = batchSizes.filter((size): size is number => size !== undefined);
  const batchSize = batches.length === 0 ? undefined : Math.max(...batches);
  if (batches.some((size) => size !== batchSize && size !== 1)) {
    throw new Error(
      `addN: batch sizes ${[...new Set(batches)].join(', ')} do not broadcast (they must be equal, or 1)`,
    );
  }
  assertOptions('addN', options, ['maxTTRank', 'epsilon']);
  const { maxTTRank, epsilon } = options ?? ({} as Partial<AddNOptions>);
  if (maxTTRank === undefined) throw new Error("addN: argument 'maxTTRank' is required");
  const maxRanks = expandRankCaps(maxTTRank, first.ndims, 'addN');
  checkEpsilon(epsilon, 'addN');
  tts.forEach((tt, i) => {
    checkFiniteCores(tt, 'addN', `tts[${i}]`);
  });
  return tidyObject(() => {
    const count = batchSize ?? 1;
    const ranks = first.ranks.map((_, k) => Math.max(...tts.map((tt) => tt.ranks[k]!)));
    const padded = tts.map((tt) =>
      coresWithBatch(tt, count).map((core, k) => {
        const extra = [ranks[k]! - tt.ranks[k]!, ranks[k + 1]! - tt.ranks[k + 1]!];
        if (extra[0] === 0 && extra[1] === 0) return core;
        const padding = core.shape.map((_, axis): [number, number] =>
          axis === 1 ? [0, extra[0]!] : axis === core.rank - 1 ? [0, extra[1]!] : [0, 0],
        );
        return tf.pad(core, padding);
      }),
    );
    const stacked = first.cores.map((_, k) => tf.stack(padded.map((cores) => cores[k]!)));
    const cores = treeSum(stacked, first.rawShape, maxRanks, epsilon);
    return fromBatchedCores(cores, batchSize);
  });
}

function describeList(x: unknown): string {
  if (Array.isArray(x)) return 'an empty array';
  if (x instanceof TensorTrainBatch) return 'a TensorTrainBatch (use reduceSumBatch)';
  return x === null || typeof x !== 'object' ? String(x) : ((x as object).constructor?.name ?? 'an object');
}
