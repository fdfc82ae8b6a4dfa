/**
 * Independent dense references for the tests: the tangent-space projector of Lubich–Oseledets–Vandereycken
 * (Theorem 3.1) written with dense unfoldings of full(X) and the SVD-based orthogonal projectors onto their
 * column and row spaces (no TT orthogonalization, no sweeps), and dense gradients and Hessian-vector products
 * by tfjs autodiff on the dense tensor.
 */
import { svd } from '@proj/core/linalg';
import { full, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';

/** A TT-matrix (cores [r, m, n, r′]) as the TT-tensor of shape (m_k·n_k) with the same cores reshaped. */
export function asTensorTrain(tt: TensorTrain): TensorTrain {
  return new TensorTrain(tt.cores.map((core) => tf.reshape(core, [core.shape[0]!, -1, core.shape[core.rank - 1]!])));
}

/** Orthogonal projectors onto the column and row spaces of an unfolding (numerical rank: s > 1e-4·s_max). */
function projectors(unfolding: tf.Tensor2D): { column: tf.Tensor2D; row: tf.Tensor2D } {
  const { u, s, v } = svd(unfolding);
  const values = s.dataSync();
  const rank = Array.from(values).filter((x) => x > 1e-4 * values[0]!).length;
  const q = tf.slice(u, [0, 0], [-1, rank]) as tf.Tensor2D;
  const w = tf.slice(v, [0, 0], [-1, rank]) as tf.Tensor2D;
  return { column: tf.matMul(q, q, false, true), row: tf.matMul(w, w, false, true) };
}

/**
 * P_X(Z) for a dense Z of X's (tensor) shape: Σ_{k=1..d} (P_{≤k−1} ⊗ I_{n_k})·Z^{<k>}·P_{≥k+1}
 * − Σ_{k=1..d−1} P_{≤k}·Z^{<k>}·P_{≥k+1}, with Z^{<k>} the unfolding (n_1⋯n_k) × (n_{k+1}⋯n_d), P_{≤k} the
 * projector onto the column space of X^{<k>} and P_{≥k+1} onto its row space.
 */
export function denseProject(x: TensorTrain, z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const dense = full(x);
    const sizes = dense.shape;
    const d = sizes.length;
    const total = dense.size;
    const left = (k: number) => sizes.slice(0, k).reduce((a, b) => a * b, 1);
    const pieces = Array.from({ length: d + 1 }, (_, k) =>
      k === 0 || k === d ? undefined : projectors(tf.reshape(dense, [left(k), total / left(k)]) as tf.Tensor2D),
    );
    const column = (k: number) => pieces[k]?.column ?? tf.eye(1);
    const row = (k: number) => pieces[k]?.row ?? tf.eye(1);
    let result = tf.zeros([total]);
    for (let k = 1; k <= d; k++) {
      const [l, n] = [left(k - 1), sizes[k - 1]!];
      const r = total / (l * n);
      // (P_{≤k−1} ⊗ I_{n_k}) acts on the leading l rows of the (l, n·r) unfolding; P_{≥k+1} on the trailing r.
      const leftApplied = tf.matMul(column(k - 1), tf.reshape(z, [l, n * r]));
      const term = tf.matMul(tf.reshape(leftApplied, [l * n, r]), row(k));
      result = tf.add(result, tf.reshape(term, [total]));
      if (k < d) {
        const both = tf.matMul(tf.matMul(column(k), tf.reshape(z, [l * n, r])), row(k));
        result = tf.sub(result, tf.reshape(both, [total]));
      }
    }
    return tf.reshape(result, sizes);
  });
}

/** ∇g(z) of a scalar function of a dense tensor, by tfjs autodiff. */
export function denseGradient(g: (z: tf.Tensor) => tf.Tensor, z: tf.Tensor): tf.Tensor {
  return tf.grad(g)(z);
}

/** ∇²g(z)·v, by differentiating ⟨∇g(z), v⟩ (tfjs double backprop on the dense tensor). */
export function denseHessianVector(g: (z: tf.Tensor) => tf.Tensor, z: tf.Tensor, v: tf.Tensor): tf.Tensor {
  return tf.grad((y: tf.Tensor) => tf.sum(tf.mul(tf.grad(g)(y), v)))(z);
}
