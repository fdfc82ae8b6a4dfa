import { matMul2d } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import type { TensorTrain } from '../tensor-train.js';

/**
 * ⟨A, B⟩ of two single TT objects of the same raw shape (checked by the caller), as a chain of 2-D products on
 * the cores read in their stored layout: the running matrix alternates between [rB, rA] and [rA, rB], so per
 * core it costs two matMuls and one 2-D transpose (plus free reshapes) and no layout planning. Small TTs are
 * bound by the number of kernels and the work per call, which this keeps at its minimum; batches go through
 * `sweepCores`. TT-matrices are treated as tensors with modes m_k·n_k. Differentiable; not memory-neutral on
 * its own (callers wrap it in a tidy).
 *
 * Shapes: cores [r_k, ..., r_{k+1}] of A and B; returns a scalar.
 * Complexity: O(d·n·rA·rB·(rA + rB)) flops, 7 kernels per core (4 for the first).
 */
export function singleFlatInner(a: TensorTrain, b: TensorTrain): tf.Tensor {
  // Before core k: s holds Φ_{k−1} as [r_q, r_p], with p the operand contracted first at core k.
  let s: tf.Tensor | undefined;
  for (let k = 0; k < a.ndims; k++) {
    const [p, q] = k % 2 === 0 ? [a, b] : [b, a];
    const [pCore, qCore] = [p.cores[k]!, q.cores[k]!];
    const [rp, rpNext, rq, rqNext] = [p.ranks[k]!, p.ranks[k + 1]!, q.ranks[k]!, q.ranks[k + 1]!];
    const n = pCore.size / (rp * rpNext);
    // t[r_q, (n, r_p′)] = Σ_{r_p} Φ[r_q, r_p] P[r_p, (n, r_p′)] (at k = 0, Φ = [[1]] and t is P itself).
    const t = s === undefined ? pCore : matMul2d(s, tf.reshape(pCore, [rp, n * rpNext]));
    // Φ′[r_p′, r_q′] = Σ_{r_q, n} t[(r_q, n), r_p′] Q[(r_q, n), r_q′]: the roles swap for core k + 1.
    const tT = tf.transpose(tf.reshape(t, [rq * n, rpNext]));
    s = matMul2d(tT, tf.reshape(qCore, [rq * n, rqNext]));
  }
  return tf.reshape(s!, []);
}
