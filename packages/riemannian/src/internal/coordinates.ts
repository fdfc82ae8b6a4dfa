import * as tf from '@tensorflow/tfjs-core';
import type { TangentVector } from '../tangent-vector.js';
import { sliceDeltas } from './blocks.js';

/** The blocks of every element concatenated: [B, Σ_k r_{k−1}·N_k·r_k] (B = 1 for one vector). Call inside a tidy. */
export function flatDeltas(v: TangentVector): tf.Tensor2D {
  const deltas = sliceDeltas(v.space, v.tt.cores, v.batchSize !== undefined);
  return tf.concat(
    deltas.map((delta) => tf.reshape(delta, [v.batchSize ?? 1, -1])),
    1,
  ) as tf.Tensor2D;
}

/** ⟨a, b⟩ of two single tangent vectors at one point, from their blocks (gauge assumed), read back. */
export function innerProjected(a: TangentVector, b: TangentVector): number {
  return tf.tidy(() => tf.sum(tf.mul(flatDeltas(a), flatDeltas(b))).dataSync()[0]!);
}
