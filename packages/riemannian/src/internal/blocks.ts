import { sharedMatMul } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import type { TangentSpace } from '../tangent-space.js';
import { coreModes, modeSizes } from './shapes.js';

/** TT-ranks of a tangent vector at a point of ranks r: [1, 2r_1, …, 2r_{d−1}, 1]. */
export function tangentRanks(ranks: readonly number[]): number[] {
  return ranks.map((r, k) => (k === 0 || k === ranks.length - 1 ? 1 : 2 * r));
}

/** Shape of δ_k (and of U_k, V_k): [B?, r_{k−1}, ...modes_k, r_k]. */
export function deltaShape(space: TangentSpace, k: number, batchSize?: number): number[] {
  const r = space.ranks;
  return [...(batchSize === undefined ? [] : [batchSize]), r[k]!, ...coreModes(space.rawShape, k), r[k + 1]!];
}

/** δ_k reshaped to [B, r_{k−1}·N_k, r_k] (B = 1 for a single vector), N_k the flattened mode size. */
function leftUnfolding(space: TangentSpace, delta: tf.Tensor, k: number): tf.Tensor {
  const r = space.ranks;
  return tf.reshape(delta, [-1, r[k]! * modeSizes(space.rawShape)[k]!, r[k + 1]!]);
}

/**
 * The cores of Σ_k U_1⋯U_{k−1}·δ_k·V_{k+1}⋯V_d as one TT of ranks [1, 2r_1, …, 2r_{d−1}, 1]:
 * core_1 = [δ_1 U_1], core_k = [[V_k, 0], [δ_k, U_k]], core_d = [V_d; δ_d] (T3F's layout). Any ranks, also uneven
 * (T3F #193 used the left ranks for the V blocks). Each core is δ_k padded into its block plus the fixed U/V
 * pattern, which a batch shares through broadcasting (no tiling: wasm's Tile is slow). Differentiable in the δ_k.
 * The δ_k have the shapes of U_k ([B, …] for a batch). Call inside a tidy.
 */
export function assembleCores(
  space: TangentSpace,
  deltas: readonly tf.Tensor[],
  batchSize: number | undefined,
): tf.Tensor[] {
  const d = space.ndims;
  const r = space.ranks;
  const sizes = modeSizes(space.rawShape);
  const lead = batchSize === undefined ? [] : [batchSize];
  return deltas.map((delta, k) => {
    const flat = [r[k]!, sizes[k]!, r[k + 1]!];
    const du = tf.reshape(delta, [...lead, ...flat]);
    const u = tf.reshape(space.left.cores[k]!, flat);
    const v = tf.reshape(space.right.cores[k]!, flat);
    const zeros = tf.zeros(flat);
    // δ_k's block: rows r_{k−1}.. (below V_k) unless k = 1, columns ..r_k (left of U_k) unless k = d.
    const [top, right] = [k === 0 ? 0 : r[k]!, k === d - 1 ? 0 : r[k + 1]!];
    let pattern: tf.Tensor;
    if (k === 0) pattern = tf.concat([zeros, u], 2);
    else if (k === d - 1) pattern = tf.concat([v, zeros], 0);
    else pattern = tf.concat([tf.concat([v, zeros], 2), tf.concat([zeros, u], 2)], 0);
    const padding: Array<[number, number]> = [
      ...lead.map((): [number, number] => [0, 0]),
      [top, 0],
      [0, 0],
      [0, right],
    ];
    const core = tf.add(tf.pad(du, padding), pattern);
    const left = k === 0 ? 1 : 2 * r[k]!;
    const rightRank = k === d - 1 ? 1 : 2 * r[k + 1]!;
    return tf.reshape(core, [...lead, left, ...coreModes(space.rawShape, k), rightRank]);
  });
}

/**
 * The δ blocks of a tangent vector's cores (the inverse of {@link assembleCores}): core_1[…, :r_1],
 * core_k[r_{k−1}:, …, :r_k], core_d[r_{d−1}:, …]. Call inside a tidy.
 */
export function sliceDeltas(space: TangentSpace, cores: readonly tf.Tensor[], batched: boolean): tf.Tensor[] {
  const d = space.ndims;
  const r = space.ranks;
  const offset = batched ? 1 : 0;
  return cores.map((core, k) => {
    const begin = core.shape.map(() => 0);
    const size = core.shape.map(() => -1);
    if (k > 0) {
      begin[offset] = r[k]!;
      size[offset] = r[k]!;
    }
    if (k < d - 1) size[core.rank - 1] = r[k + 1]!;
    return tf.slice(core, begin, size);
  });
}

/**
 * Projects δ_1..δ_{d−1} onto the gauge U_kᵀ·δ_k = 0 (left unfoldings): δ_k − U_k·(U_kᵀ·δ_k); δ_d is unchanged.
 * The tangent vector they represent does not change only when the δ already satisfy it; applied to the
 * unconstrained gradient blocks U_{<k}ᵀ·Z·V_{>k} it gives the blocks of P_X(Z). Call inside a tidy.
 */
export function gaugeDeltas(space: TangentSpace, deltas: readonly tf.Tensor[]): tf.Tensor[] {
  const d = space.ndims;
  return deltas.map((delta, k) => {
    if (k === d - 1) return delta;
    const u = tf.reshape(space.left.cores[k]!, [-1, space.ranks[k + 1]!]);
    const unfolded = leftUnfolding(space, delta, k);
    const overlap = sharedMatMul(tf.transpose(u), unfolded);
    return tf.reshape(tf.sub(unfolded, sharedMatMul(u, overlap)), delta.shape);
  });
}
