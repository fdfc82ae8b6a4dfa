import { batchMatMul, matMulShared } from '@proj/core/ops';
import { type TensorTrain, TensorTrainBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import type { SweepOperand } from './projection-sweep.js';
import { modeSizes } from './shapes.js';

/** A TT object (or batch) Z as the operand of a projection sweep: q = Z's ranks, B = its batch size (1 if single). */
export function ttOperand(z: TensorTrain | TensorTrainBatch): SweepOperand {
  const batch = z instanceof TensorTrainBatch ? z.batchSize : 1;
  const s = z.ranks;
  const sizes = modeSizes(z.rawShape);
  return {
    batchSize: batch,
    left(k, lhs) {
      const r = lhs.shape[1]!;
      const core = tf.reshape(z.cores[k]!, [batch, s[k]!, sizes[k]! * s[k + 1]!]);
      return tf.reshape(batchMatMul(lhs, core), [batch, r * sizes[k]!, s[k + 1]!]);
    },
    right(k, rhs, vt) {
      const core = tf.reshape(z.cores[k]!, [batch, s[k]! * sizes[k]!, s[k + 1]!]);
      const partial = tf.reshape(batchMatMul(core, rhs), [batch, s[k]!, -1]);
      return matMulShared(partial, vt);
    },
  };
}

/**
 * The product M·Z of a TT-matrix M (cores [R, m, n, R′]) and a TT object Z (TT-matrix cores [s, n, l, s′], or a
 * TT-tensor [s, n, s′] read with l = 1) as a sweep operand, never formed: q_k = R_k·s_k (M's index major) and
 * the sweep contracts M's core inside, at O(B·R·s·r·(n·l·s + n·m·l·R + m·l·r)) per core instead of the
 * O(B·(R·s)²·r·m·l) of projecting the formed product.
 */
export function matmulOperand(matrix: TensorTrain, z: TensorTrain | TensorTrainBatch): SweepOperand {
  const batch = z instanceof TensorTrainBatch ? z.batchSize : 1;
  const s = z.ranks;
  const R = matrix.ranks;
  const [rowModes, innerModes] = matrix.rawShape as readonly [readonly number[], readonly number[]];
  const columnModes = z.rawShape[1] ?? z.rawShape[0].map(() => 1);
  return {
    batchSize: batch,
    left(k, lhs) {
      const [m, n, l] = [rowModes[k]!, innerModes[k]!, columnModes[k]!];
      const [rk, Rk, Rn, sk, sn] = [lhs.shape[1]!, R[k]!, R[k + 1]!, s[k]!, s[k + 1]!];
      // lhs [B, r, (R, s)] · Z_k [B, s, (n, l, s′)] → [B, r, R, n, l, s′]
      const t = batchMatMul(tf.reshape(lhs, [batch, rk * Rk, sk]), tf.reshape(z.cores[k]!, [batch, sk, n * l * sn]));
      // contract (R, n) with M_k [R, m, n, R′] arranged [(R, n), (m, R′)] → [B, r, l, s′, m, R′]
      const mk = tf.reshape(tf.transpose(matrix.cores[k]!, [0, 2, 1, 3]), [Rk * n, m * Rn]);
      const arranged = tf.reshape(tf.transpose(tf.reshape(t, [batch, rk, Rk, n, l, sn]), [0, 1, 4, 5, 2, 3]), [
        batch * rk * l * sn,
        Rk * n,
      ]);
      const product = tf.reshape(tf.matMul(arranged as tf.Tensor2D, mk as tf.Tensor2D), [batch, rk, l, sn, m, Rn]);
      // → [B, (r, m, l), (R′, s′)]
      return tf.reshape(tf.transpose(product, [0, 1, 4, 2, 5, 3]), [batch, rk * m * l, Rn * sn]);
    },
    right(k, rhs, vt) {
      const [m, n, l] = [rowModes[k]!, innerModes[k]!, columnModes[k]!];
      const [Rk, Rn, sk, sn] = [R[k]!, R[k + 1]!, s[k]!, s[k + 1]!];
      const rn = rhs.shape[2]!;
      // rhs [B, (R′, s′), r′] → [B, s′, (R′, r′)]; Z_k [B, (s, n, l), s′] · that → [B, s, n, l, R′, r′]
      const rhsBySn = tf.reshape(tf.transpose(tf.reshape(rhs, [batch, Rn, sn, rn]), [0, 2, 1, 3]), [
        batch,
        sn,
        Rn * rn,
      ]);
      const t = batchMatMul(tf.reshape(z.cores[k]!, [batch, sk * n * l, sn]), rhsBySn);
      // contract (n, R′) with M_k arranged [(n, R′), (R, m)] → [B, s, l, r′, R, m]
      const mk = tf.reshape(tf.transpose(matrix.cores[k]!, [2, 3, 0, 1]), [n * Rn, Rk * m]);
      const arranged = tf.reshape(tf.transpose(tf.reshape(t, [batch, sk, n, l, Rn, rn]), [0, 1, 3, 5, 2, 4]), [
        batch * sk * l * rn,
        n * Rn,
      ]);
      const product = tf.reshape(tf.matMul(arranged as tf.Tensor2D, mk as tf.Tensor2D), [batch, sk, l, rn, Rk, m]);
      // contract (m, l, r′) with V_k: [B, (R, s), (m, l, r′)] · vt [(m, l, r′), r] → [B, (R, s), r]
      const rows = tf.reshape(tf.transpose(product, [0, 4, 1, 5, 2, 3]), [batch, Rk * sk, m * l * rn]);
      return matMulShared(rows, vt);
    },
  };
}
