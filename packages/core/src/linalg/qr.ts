import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { tallQrOnBackend } from './internal/cholesky-qr.js';
import { notDifferentiable } from './internal/custom-op.js';
import { householderQr } from './internal/householder-qr.js';
import { allFinite, matrixBatch, readColumns, writeRows } from './internal/matrix-batch.js';

/** A thin QR factorization x = q·r (of each matrix of a batch). */
export interface QrResult {
  /** [..., m, k], orthonormal columns. */
  readonly q: tf.Tensor;
  /** [..., k, n], upper triangular with a non-negative diagonal. */
  readonly r: tf.Tensor;
}

/**
 * Thin QR factorization of a matrix or a batch: x = q·r with k = min(m, n), q [..., m, k] with orthonormal
 * columns and r [..., k, n] upper triangular. Signs are fixed so that diag(r) ≥ 0, which makes the factors
 * unique when x has full rank (LAPACK leaves them arbitrary).
 *
 * Householder QR on the host in float64 (column-major loops, 1.8x faster than ml-matrix's QR on 256×64), each
 * factor rounded once to float32; the batch is read once and uploaded once, where `tf.linalg.qr` runs every
 * Householder step as tensor ops. A matrix with a NaN or infinite entry gets NaN factors. Tall matrices
 * (m ≥ 2n) large enough for the backend's profile (`choleskyQr`: from 1000×10 on wasm, never on cpu) go
 * through CholeskyQR2 instead, its flops as backend products (2.8x faster on 1000×100 on wasm), when every
 * matrix of the batch has an estimated condition number ≤ 100; else through the host path.
 *
 * Not differentiable: a gradient through q or r throws an error naming `qr`.
 *
 * @param x [..., m, n], m, n ≥ 1.
 * @returns `{q, r}`: q [..., m, k], r [..., k, n].
 * @throws Error naming `qr` and the argument for rank < 2, empty matrices or non-numeric input (bool tensors included).
 *
 * Complexity: per matrix 4mnk − 2(m + n)k² + 4k³/3 flops for r (2mn² − 2n³/3 when m ≥ n) and at most as
 * many for q; on the CholeskyQR2 path 8mn² flops in backend products and O(n³) on the host.
 *
 * @example
 * const { q, r } = qr([[3, 1], [4, 2]]); // r = [[5, 2.2], [0, 0.4]]
 * @see G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., §5.2 (Householder QR); Y. Yamamoto et al.,
 *   Roundoff error analysis of the CholeskyQR2 algorithm, ETNA 44, 2015.
 * @category Linear algebra
 */
export function qr(x: tf.Tensor | tf.TensorLike): QrResult {
  const [q, r] = tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'qr');
    const { batchShape, batchSize, rows: m, cols: n } = matrixBatch(a, 'x', 'qr');
    const k = Math.min(m, n);
    const onBackend = tallQrOnBackend(a, batchSize, m, n);
    if (onBackend !== null) {
      return [
        notDifferentiable('qr', a, tf.reshape(onBackend.q, [...batchShape, m, n])),
        notDifferentiable('qr', a, tf.reshape(onBackend.r, [...batchShape, n, n])),
      ];
    }
    const values = a.dataSync();
    const qValues = new Float32Array(batchSize * m * k);
    const rValues = new Float32Array(batchSize * k * n);
    const columns = new Float64Array(m * n);
    for (let b = 0; b < batchSize; b++) {
      readColumns(values, b * m * n, m, n, columns);
      if (!allFinite(columns)) {
        qValues.fill(Number.NaN, b * m * k, (b + 1) * m * k);
        rValues.fill(Number.NaN, b * k * n, (b + 1) * k * n);
        continue;
      }
      const factors = householderQr(columns, m, n);
      writeRows(factors.q, m, k, qValues, b * m * k);
      writeRows(factors.r, k, n, rValues, b * k * n);
    }
    return [
      notDifferentiable('qr', a, tf.tensor(qValues, [...batchShape, m, k])),
      notDifferentiable('qr', a, tf.tensor(rValues, [...batchShape, k, n])),
    ];
  });
  return { q, r };
}
