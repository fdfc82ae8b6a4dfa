import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { toTTMatrix } from '../decompositions/to-tt-matrix.js';
import { describeValue } from '../internal/describe.js';
import { checkFiniteDense } from '../internal/finite.js';
import { floatInput } from '../internal/tensor-input.js';
import { checkEpsilon } from '../internal/tt-svd.js';
import { full } from '../ops/full.js';
import { expandRankCaps, type RankSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import { modePair } from './mode-pair.js';

/** Options of {@link compressDense}. */
export interface CompressDenseOptions {
  /** Input modes m_1..m_d, product = the kernel's rows (the layer's input width). */
  readonly inputModes: readonly number[];
  /** Output modes n_1..n_d, product = the kernel's columns (the units); as many as `inputModes`. */
  readonly outputModes: readonly number[];
  /** Cap on the TT-ranks: one integer or a list of d + 1 (ends ignored); default 10 (T3F's `to_tt_matrix`). */
  readonly maxTTRank?: RankSpec;
  /** Relative accuracy ε ≥ 0: ranks as low as keep ‖W − TT‖_F ≤ ε·‖W‖_F (unless `maxTTRank` binds). */
  readonly epsilon?: number;
}

/** The result of {@link compressDense}. */
export interface CompressedDense {
  /** The TT-matrix of raw shape ((inputModes), (outputModes)); the caller disposes it. */
  readonly ttMatrix: TensorTrain;
  /** ‖W − full(TT)‖_F / ‖W‖_F, measured (0 for a zero kernel). */
  readonly relativeError: number;
  /**
   * The TT-SVD error bound √(Σ_k δ_k²)/‖W‖_F from the singular values δ_k discarded at the d − 1 steps
   * (Oseledets 2011, Thm. 2.2); relativeError ≤ errorBound up to float32 rounding.
   */
  readonly errorBound: number;
  /** TT-ranks [1, r_1, ..., r_{d−1}, 1]. */
  readonly ranks: number[];
  /** Entries of W over the numbers in the cores (Π m_k·Π n_k / Σ_k r_{k−1}·m_k·n_k·r_k). */
  readonly compressionRatio: number;
}

/**
 * Compresses a trained dense kernel W [Π m_k, Π n_k] (a tfjs Dense layer's kernel: y = x·W) into a TT-matrix of
 * raw shape ((m), (n)) by TT-SVD ({@link toTTMatrix}), and reports how well it does: the measured relative
 * error, the TT-SVD bound from the discarded singular values, the ranks and the compression ratio. The
 * cores initialise a {@link TTDense} layer of the same shape (see {@link replaceDenseWithTT}).
 *
 * The bound: TT-SVD keeps, at step k, the leading singular triplets of the remainder R_{k−1} (unfolded) and
 * passes on R_k = diag(s)·Vᵀ, so the discarded energy is δ_k² = ‖R_{k−1}‖² − ‖R_k‖² and Σ_k δ_k² telescopes
 * to ‖W‖² − ‖R_{d−1}‖², where R_{d−1} is the last core (the others are left-orthonormal); summed in float64.
 * As the TT-SVD result is an orthogonal projection of W, the bound is attained in exact arithmetic.
 *
 * Complexity: as toTTMatrix with modes m_k·n_k, plus one full(TT) and two readbacks of W's size.
 *
 * @param kernel the dense kernel [Π m_k, Π n_k], float32, finite.
 * @returns {@link CompressedDense}; memory-neutral apart from `ttMatrix`.
 * @throws Error naming `compressDense` and the argument for modes that are not equally long lists of positive
 *   integers, a kernel of another shape, a non-finite entry, a bad `maxTTRank` or `epsilon`, or an unknown
 *   option.
 * @example
 * const { ttMatrix, relativeError, ranks } = compressDense(kernel, { inputModes: [7, 4, 7, 4], outputModes: [5, 5, 5, 5], maxTTRank: 16 });
 * @see I. V. Oseledets, "Tensor-Train Decomposition", SIAM J. Sci. Comput. 33(5), 2011 (TT-SVD, Thm. 2.2);
 *   Novikov et al., "Tensorizing Neural Networks", NeurIPS 2015.
 * @category Layers
 */
export function compressDense(kernel: tf.Tensor2D, options: CompressDenseOptions): CompressedDense {
  const fn = 'compressDense';
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(
      `${fn}: argument 'options' must be an object with inputModes and outputModes, got ${describeValue(options)}`,
    );
  }
  assertOptions(fn, options, ['inputModes', 'outputModes', 'maxTTRank', 'epsilon']);
  const [inputModes, outputModes] = modePair(options.inputModes, options.outputModes, fn);
  const maxTTRank = options.maxTTRank ?? 10;
  expandRankCaps(maxTTRank, inputModes.length, fn);
  checkEpsilon(options.epsilon, fn);
  const rows = inputModes.reduce((a, b) => a * b, 1);
  const columns = outputModes.reduce((a, b) => a * b, 1);
  const values = tf.tidy(() => {
    const w = floatInput(kernel, fn, 'kernel');
    if (w.rank !== 2 || w.shape[0] !== rows || w.shape[1] !== columns) {
      throw new Error(
        `${fn}: argument 'kernel' must have shape [${rows},${columns}] (the products of 'inputModes' [${inputModes.join(',')}] and 'outputModes' [${outputModes.join(',')}]), got [${w.shape.join(',')}]`,
      );
    }
    checkFiniteDense(w, fn, 'kernel');
    return w.dataSync();
  });
  const ttMatrix = toTTMatrix(kernel, [inputModes, outputModes], {
    maxTTRank,
    ...(options.epsilon === undefined ? {} : { epsilon: options.epsilon }),
  });
  const approximation = tf.tidy(() => full(ttMatrix).dataSync());
  const last = ttMatrix.cores[ttMatrix.ndims - 1]!.dataSync();
  const normSquared = sumOfSquares(values);
  let errorSquared = 0;
  for (let i = 0; i < values.length; i++) errorSquared += (values[i]! - approximation[i]!) ** 2;
  const discarded = Math.max(0, normSquared - sumOfSquares(last));
  const norm = Math.sqrt(normSquared);
  const coreNumbers = ttMatrix.cores.reduce((sum, core) => sum + core.size, 0);
  return {
    ttMatrix,
    relativeError: norm === 0 ? 0 : Math.sqrt(errorSquared) / norm,
    errorBound: norm === 0 ? 0 : Math.sqrt(discarded) / norm,
    ranks: [...ttMatrix.ranks],
    compressionRatio: (rows * columns) / coreNumbers,
  };
}

function sumOfSquares(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}
