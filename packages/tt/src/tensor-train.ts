import type * as tf from '@tensorflow/tfjs-core';
import { formatRawShape } from './shapes.js';
import { TensorTrainBase, type TensorTrainOptions } from './tensor-train-base.js';

/**
 * A tensor or matrix in Tensor Train format (T3F's `TensorTrain`).
 *
 * TT-tensor of shape (n_1..n_d): cores G_k [r_{k−1}, n_k, r_k] with r_0 = r_d = 1, and
 * A(i_1..i_d) = G_1[:, i_1, :] · G_2[:, i_2, :] ⋯ G_d[:, i_d, :].
 * TT-matrix of raw shape ((m_1..m_d), (n_1..n_d)): cores [r_{k−1}, m_k, n_k, r_k]; the dense matrix is
 * (Πm) × (Πn) with row and column multi-indices in C order.
 *
 * The constructor validates the cores and takes ownership of them (`dispose()` frees them). Storage is
 * Σ_k r_{k−1}·n_k·r_k numbers instead of Π n_k. It throws an Error naming `TensorTrain` for cores that are not
 * live float32 tensors of consistent shapes without empty axes, an unknown option, or a declared `shape` or
 * `ranks` that does not match the cores. NaN entries are not checked (they propagate, see the README).
 *
 * @example
 * const tt = new TensorTrain([tf.ones([1, 2, 3]), tf.ones([3, 4, 1])]); // shape (2, 4), ranks [1, 3, 1]
 * @see I. V. Oseledets, "Tensor-Train Decomposition", SIAM J. Sci. Comput. 33(5), 2011;
 *   Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 */
export class TensorTrain extends TensorTrainBase {
  constructor(cores: readonly tf.Tensor[], options: TensorTrainOptions = {}) {
    super(cores, false, options, 'TensorTrain');
  }

  /** `A Tensor Train of shape [2,3,4], TT-ranks [1,2,2,1]` (T3F's wording). */
  override toString(): string {
    const kind = this.isMatrix ? 'A TT-Matrix' : 'A Tensor Train';
    return `${kind} of shape ${formatRawShape(this.rawShape)}, TT-ranks [${this.ranks.join(',')}]`;
  }
}
