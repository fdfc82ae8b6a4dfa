import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertSamePoint, assertVector } from '../internal/assert.js';
import { sliceDeltas } from '../internal/blocks.js';
import { numericArgument } from '../internal/numeric.js';
import { vectorFromDeltas } from '../internal/vector.js';
import type { TangentVector } from '../tangent-vector.js';

/**
 * The (weighted) sum of tangent vectors at one point without rank growth (T3F `add_n_projected`): the blocks
 * dU_k are summed and the U, V blocks kept, so the result has the ranks [1, 2r_1, …, 1] of every term (an
 * ordinary `add` would give L·2r).
 *
 * `coef` may be a list [L] (term i times coef[i]) or, for batches of B, a matrix [L, B] (element j of the
 * result is Σ_i coef[i, j]·vectors[i][j]). Differentiable with respect to the vectors' cores and `coef`.
 *
 * Complexity: O(L·B·d·n·r²).
 *
 * @param vectors L ≥ 1 {@link TangentVector}s at the same point, all single or all batches of one size.
 * @param coef optional weights: numbers, an array [L] or [L, B], or a float32 tensor.
 * @returns a {@link TangentVector} of the kind of the inputs.
 * @throws Error naming `addNProjected` for an empty list, non-vectors, different points or batch sizes, or
 *   `coef` of the wrong shape.
 * @example
 * const direction = addNProjected([gradient, transported], [-1, beta]); // −g + β·𝒯(η)
 * @see T3F `add_n_projected`.
 * @category Tangent spaces
 */
export function addNProjected<V extends TangentVector>(
  vectors: readonly V[],
  coef?: readonly number[] | readonly (readonly number[])[] | tf.Tensor,
): V {
  const fn = 'addNProjected';
  if (!Array.isArray(vectors) || vectors.length === 0) {
    throw new Error(`${fn}: argument 'vectors' must be a non-empty array of TangentVectors`);
  }
  const named = vectors.map((v, i) => [`vectors[${i}]`, assertVector(v, fn, `vectors[${i}]`)] as const);
  assertSamePoint(named, fn);
  const first = vectors[0]!;
  vectors.forEach((v, i) => {
    if (v.batchSize !== first.batchSize) {
      throw new Error(
        `${fn}: 'vectors[${i}]' has batch size ${v.batchSize ?? 'none (single)'}, but 'vectors[0]' has ${first.batchSize ?? 'none (single)'}`,
      );
    }
  });
  const count = vectors.length;
  return tidyObject(() => {
    const weights = coefTensor(coef, count, first.batchSize, fn);
    const perVector = vectors.map((v) => sliceDeltas(v.space, v.tt.cores, v.batchSize !== undefined));
    // Blocks flattened to [L, B?, size]: one weighted sum over L for every block shape.
    const deltas = perVector[0]!.map((block, k) => {
      const lead = first.batchSize === undefined ? [] : [first.batchSize];
      const stacked = tf.stack(perVector.map((blocks) => tf.reshape(blocks[k]!, [...lead, -1])));
      const scaled = tf.mul(
        stacked,
        tf.reshape(weights, [...weights.shape, ...(weights.rank === 1 ? lead.map(() => 1) : []), 1]),
      );
      return tf.reshape(tf.sum(scaled, 0), block.shape);
    });
    return vectorFromDeltas(first.space.clone(), deltas, first.batchSize) as V;
  });
}

/** The coefficients as a float32 tensor [L] or [L, B] (ones when absent). Call inside a tidy. */
function coefTensor(
  coef: readonly number[] | readonly (readonly number[])[] | tf.Tensor | undefined,
  count: number,
  batchSize: number | undefined,
  fn: string,
): tf.Tensor {
  if (coef === undefined) return tf.ones([count]);
  const tensor = numericArgument(coef, fn, 'coef', 'numbers [L] or [L, B] (an array or a float32 or int32 tensor)');
  const vectorShape = tensor.rank === 1 && tensor.shape[0] === count;
  const matrixShape =
    batchSize !== undefined && tensor.rank === 2 && tensor.shape[0] === count && tensor.shape[1] === batchSize;
  if (!vectorShape && !matrixShape) {
    const allowed = batchSize === undefined ? `[${count}]` : `[${count}] or [${count}, ${batchSize}]`;
    throw new Error(`${fn}: argument 'coef' must have shape ${allowed}, got [${tensor.shape.join(',')}]`);
  }
  return tensor;
}
