import { batchMatMul, sharedMatMul } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import type { TangentSpace } from '../tangent-space.js';
import { deltaShape } from './blocks.js';
import { modeSizes } from './shapes.js';

/**
 * What is projected, seen by the sweep of {@link projectionSweep}: B tensors Z_b (q_k their ranks, possibly
 * products of several operands' ranks, as M·Z in `projectMatmul`), contracted core by core with the point's
 * U (from the left) and V (from the right).
 */
export interface SweepOperand {
  /** B ≥ 1 (a single TT is a batch of one). */
  readonly batchSize: number;
  /**
   * W_k = lhs_k applied to core k: lhs [B, r_{k−1}, q_{k−1}] (U_{<k}ᵀ·Z_{<k}) → [B, r_{k−1}·N_k, q_k]
   * (N_k the flattened mode size of the point's core k).
   */
  left(k: number, lhs: tf.Tensor): tf.Tensor;
  /**
   * rhs_k from rhs_{k+1}: [B, q_k, r_k] (Z_{>k}·V_{>k}ᵀ) → [B, q_{k−1}, r_{k−1}], with `vt` the transposed right
   * unfolding of V_k, [N_k·r_k, r_{k−1}].
   */
  right(k: number, rhs: tf.Tensor, vt: tf.Tensor): tf.Tensor;
}

/** The per-element pieces of the projection, before any weighting (see {@link projectionSweep}). */
export interface SweepBlocks {
  /** y_k = W_k·rhs_{k+1}: [B, r_{k−1}·N_k, r_k]; for k = d, W_d itself ([B, r_{d−1}·N_d, 1]). */
  readonly y: tf.Tensor[];
  /** c_k = U_kᵀ·y_k = lhs_{k+1}·rhs_{k+1}: [B, r_k, r_k], for k < d. */
  readonly c: tf.Tensor[];
}

/**
 * The sweeps of T3F's `project` (Lubich–Oseledets–Vandereycken, Theorem 3.1): rhs_k = Z_{≥k}·V_{≥k}ᵀ right to
 * left, then left to right lhs_{k+1} = U_kᵀ·W_k with W_k = lhs_k·Z_k, and the blocks y_k = W_k·rhs_{k+1},
 * c_k = lhs_{k+1}·rhs_{k+1}, from which dU_k = y_k − U_k·c_k (the gauge-projected block (I − U_kU_kᵀ)·y_k) and
 * dU_d = y_d. Both are linear in Z, so weighted sums over the batch can be taken of (y, c) first.
 * Products with U and V (shared by the batch) are single 2-D matMuls. Call inside a tidy.
 */
export function projectionSweep(space: TangentSpace, operand: SweepOperand): SweepBlocks {
  const d = space.ndims;
  const r = space.ranks;
  const sizes = modeSizes(space.rawShape);
  const batch = operand.batchSize;
  const rhs: tf.Tensor[] = new Array<tf.Tensor>(d + 1);
  rhs[d] = tf.ones([batch, 1, 1]);
  for (let k = d - 1; k >= 1; k--) {
    const vt = tf.transpose(tf.reshape(space.right.cores[k]!, [r[k]!, sizes[k]! * r[k + 1]!]));
    rhs[k] = operand.right(k, rhs[k + 1]!, vt);
  }
  const y: tf.Tensor[] = [];
  const c: tf.Tensor[] = [];
  let lhs = tf.ones([batch, 1, 1]);
  for (let k = 0; k < d; k++) {
    const w = operand.left(k, lhs);
    if (k === d - 1) {
      y.push(w);
      break;
    }
    const ut = tf.transpose(tf.reshape(space.left.cores[k]!, [r[k]! * sizes[k]!, r[k + 1]!]));
    const next = sharedMatMul(ut, w);
    y.push(batchMatMul(w, rhs[k + 1]!));
    c.push(batchMatMul(next, rhs[k + 1]!));
    lhs = next;
  }
  return { y, c };
}

/**
 * The gauge-fixed blocks dU_k = y_k − U_k·c_k (k < d), dU_d = y_d, after an optional linear combination over the
 * batch: with `weights` [B, B′], element j of the result is Σ_b weights[b, j]·(element b). Returns δ_k shaped as
 * U_k with a leading [B′] (or [B] without weights). Call inside a tidy.
 */
export function combineBlocks(space: TangentSpace, blocks: SweepBlocks, weights?: tf.Tensor): tf.Tensor[] {
  const d = space.ndims;
  const r = space.ranks;
  const combine = (t: tf.Tensor) => {
    if (weights === undefined) return t;
    const mixed = tf.matMul(tf.transpose(weights) as tf.Tensor2D, tf.reshape(t, [t.shape[0]!, -1]) as tf.Tensor2D);
    return tf.reshape(mixed, [weights.shape[1]!, ...t.shape.slice(1)]);
  };
  return blocks.y.map((block, k) => {
    const y = combine(block);
    const outer = y.shape[0]!;
    if (k === d - 1) return tf.reshape(y, deltaShape(space, k, outer));
    const u = tf.reshape(space.left.cores[k]!, [-1, r[k + 1]!]);
    return tf.reshape(tf.sub(y, sharedMatMul(u, combine(blocks.c[k]!))), deltaShape(space, k, outer));
  });
}
