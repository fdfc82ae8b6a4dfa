import { truncatedSvd } from '@proj/core/linalg';
import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from './describe.js';

/**
 * Throws, naming `fn`, unless `epsilon` is undefined or a finite number ≥ 0.
 */
export function checkEpsilon(epsilon: unknown, fn: string): void {
  if (epsilon !== undefined && !(typeof epsilon === 'number' && epsilon >= 0 && epsilon < Number.POSITIVE_INFINITY)) {
    throw new Error(`${fn}: argument 'epsilon' must be a finite non-negative number, got ${describeValue(epsilon)}`);
  }
}

/**
 * TT-SVD (Oseledets 2011, Algorithm 1) of a dense float32 tensor of shape `sizes` = (n_1..n_d): for k = 1..d−1
 * the remainder, unfolded as (r_{k−1}·n_k) × rest, is factored by a truncated SVD U·diag(s)·Vᵀ with rank
 * r_k = min(maxRanks[k], rows, columns), lowered further when `epsilon` is given to the fewest singular
 * values whose discarded tail is ≤ δ = ε·‖A‖_F/√(d − 1); core k = U, remainder = diag(s)·Vᵀ. The last core
 * is the last remainder. Returns cores [r_{k−1}, n_k, r_k]. Call inside a tidy.
 */
export function ttSvd(dense: tf.Tensor, sizes: readonly number[], maxRanks: readonly number[], epsilon?: number) {
  const d = sizes.length;
  let absTol: number | undefined;
  if (epsilon !== undefined && d > 1) {
    const values = dense.dataSync();
    let normSquared = 0;
    for (let i = 0; i < values.length; i++) normSquared += values[i]! * values[i]!;
    // The callers reject non-finite entries; the guard keeps a non-finite tolerance out of truncatedSvd.
    if (Number.isFinite(normSquared)) absTol = (epsilon * Math.sqrt(normSquared)) / Math.sqrt(d - 1);
  }
  const cores: tf.Tensor[] = [];
  let remainder = dense;
  let rank = 1;
  for (let k = 0; k < d - 1; k++) {
    const unfolding = tf.reshape(remainder, [rank * sizes[k]!, -1]);
    const { u, s, v } = truncatedSvd(unfolding, {
      maxRank: maxRanks[k + 1]!,
      ...(absTol === undefined ? {} : { absTol }),
    });
    const next = s.shape[0]!;
    cores.push(tf.reshape(u, [rank, sizes[k]!, next]));
    remainder = tf.mul(tf.reshape(s, [next, 1]), tf.transpose(v));
    rank = next;
  }
  cores.push(tf.reshape(remainder, [rank, sizes[d - 1]!, 1]));
  return cores;
}
