import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { fromBatchedCores } from '../internal/batch.js';
import { checkFiniteCores, checkFiniteDense } from '../internal/finite.js';
import { floatInput } from '../internal/tensor-input.js';
import { treeSum } from '../internal/tree-sum.js';
import { checkEpsilon } from '../internal/tt-svd.js';
import { expandRankCaps, type RankSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/** Options of {@link reduceSumBatch}. */
export interface ReduceSumBatchOptions {
  /** Largest TT-ranks after each rounding: one integer for every inner bond, or d + 1 of them (see {@link round}). */
  readonly maxTTRank: RankSpec;
  /** Relative accuracy ε ≥ 0 of each rounding (relative to the partial sum it rounds); see {@link round}. */
  readonly epsilon?: number;
  /**
   * Weights: a vector [B] gives the weighted sum Σ_i c_i·x_i (a TensorTrain); a matrix [B, N] gives the batch
   * of N sums y_j = Σ_i c_ij·x_i. Absent: the plain sum.
   */
  readonly coef?: tf.Tensor | tf.TensorLike;
}

/**
 * Approximate (weighted) sum of the elements of a batch with rounding after each pairwise sum, in binary-tree
 * order (T3F `approximate.reduce_sum_batch`): round(round(x_1 + x_2) + round(x_3 + x_4)), an odd level padded
 * with a zero TT. Weights multiply the first core of each element. With a coefficient matrix [B, N] the N sums
 * run side by side: every level of the tree is ONE batched {@link round} of ⌈L/2⌉·N elements (L = terms left),
 * built with a few ops per core. Ranks of the result ≤ maxTTRank; with B = 1 nothing is rounded (T3F).
 *
 * Accuracy: each rounding obeys {@link round}'s bounds relative to the partial sum it rounds. Not
 * differentiable (it rounds).
 *
 * Complexity: O(N·B·d·n·R³) flops with R = 2·max(maxTTRank, input rank); ⌈log₂ B⌉ batched roundings.
 *
 * @param batch a TensorTrainBatch of B TT-tensors or TT-matrices.
 * @param options `maxTTRank` (required), `epsilon`, `coef` ([B] or [B, N]).
 * @returns a new TensorTrain (no coef, or a coef vector) or a TensorTrainBatch of N (coef matrix).
 * @throws Error naming `reduceSumBatch` for a non-batch argument, a `coef` that is not [B] or [B, N] numbers, a
 *   bad `maxTTRank`, a negative `epsilon`, an unknown option, or a NaN or ±Infinity entry in the cores or in
 *   `coef` (the roundings would make the whole sum NaN).
 * @example
 * const mean = reduceSumBatch(batch, { maxTTRank: 10, coef: Array(batch.batchSize).fill(1 / batch.batchSize) });
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 * @category Approximate
 */
export function reduceSumBatch(
  batch: TensorTrainBatch,
  options: ReduceSumBatchOptions & { readonly coef?: readonly number[] | Float32Array },
): TensorTrain;
export function reduceSumBatch(
  batch: TensorTrainBatch,
  options: ReduceSumBatchOptions & { readonly coef: readonly (readonly number[])[] },
): TensorTrainBatch;
export function reduceSumBatch(batch: TensorTrainBatch, options: ReduceSumBatchOptions): TensorTrain | TensorTrainBatch;
export function reduceSumBatch(
  batch: TensorTrainBatch,
  options: ReduceSumBatchOptions,
): TensorTrain | TensorTrainBatch {
  assertTT(batch, 'reduceSumBatch', 'batch');
  if (!(batch instanceof TensorTrainBatch)) {
    throw new Error(
      "reduceSumBatch: argument 'batch' must be a TensorTrainBatch, got a TensorTrain (use addN for lists)",
    );
  }
  assertOptions('reduceSumBatch', options, ['maxTTRank', 'epsilon', 'coef']);
  const { maxTTRank, epsilon, coef } = options ?? ({} as Partial<ReduceSumBatchOptions>);
  if (maxTTRank === undefined) throw new Error("reduceSumBatch: argument 'maxTTRank' is required");
  const maxRanks = expandRankCaps(maxTTRank, batch.ndims, 'reduceSumBatch');
  checkEpsilon(epsilon, 'reduceSumBatch');
  checkFiniteCores(batch, 'reduceSumBatch', 'batch');
  return tidyObject(() => {
    const size = batch.batchSize;
    const weights = coef === undefined ? undefined : floatInput(coef, 'reduceSumBatch', 'coef');
    if (
      weights !== undefined &&
      (weights.rank < 1 || weights.rank > 2 || weights.shape[0] !== size || weights.size === 0)
    ) {
      throw new Error(
        `reduceSumBatch: argument 'coef' must have shape [${size}] or [${size}, N] with N ≥ 1 (the batch size is ${size}), got [${weights.shape.join(',')}]`,
      );
    }
    if (weights !== undefined) checkFiniteDense(weights, 'reduceSumBatch', 'coef');
    const outputs = weights?.rank === 2 ? weights.shape[1]! : 1;
    const cores = batch.cores.map((core, k) => {
      const expanded = tf.reshape(core, [size, 1, ...core.shape.slice(1)]);
      const ones = core.shape.slice(1).map(() => 1);
      if (k === 0 && weights !== undefined) return tf.mul(expanded, tf.reshape(weights, [size, outputs, ...ones]));
      return outputs === 1 ? expanded : tf.broadcastTo(expanded, [size, outputs, ...core.shape.slice(1)]);
    });
    const sums = treeSum(cores, batch.rawShape, maxRanks, epsilon);
    return fromBatchedCores(sums, weights?.rank === 2 ? outputs : undefined);
  });
}
