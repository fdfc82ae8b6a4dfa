import { luFactor } from './lu.js';
import type { MatrixBatch } from './matrix-batch.js';

/** Determinants of a batch of square matrices, in float64, one entry per matrix. */
export interface HostDeterminants {
  readonly det: Float64Array;
  /** Sign of the determinant: ±1, 0 for a singular matrix. */
  readonly sign: Float64Array;
  /** log|det|: −∞ for a singular matrix. */
  readonly logAbsDet: Float64Array;
}

/**
 * det, sign and log|det| of each matrix of a batch (row-major `values`) from its LU factorization with
 * partial pivoting: det = sign(P)·Π u_ii. The log is summed pivot by pivot, so it never overflows. A zero
 * pivot gives det 0, sign 0 and log|det| −∞ (as numpy); a NaN entry gives NaN.
 */
export function hostDeterminants(values: ArrayLike<number>, batch: MatrixBatch): HostDeterminants {
  const { batchSize, rows: n } = batch;
  const det = new Float64Array(batchSize);
  const sign = new Float64Array(batchSize);
  const logAbsDet = new Float64Array(batchSize);
  const lu = new Float64Array(n * n);
  const pivots = new Int32Array(n);
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < n * n; i++) lu[i] = values[b * n * n + i]!;
    const { permutationSign } = luFactor(lu, n, pivots);
    let product = permutationSign;
    let signProduct = permutationSign;
    let logSum = 0;
    for (let i = 0; i < n; i++) {
      const pivot = lu[i * n + i]!;
      product *= pivot;
      signProduct *= Math.sign(pivot);
      logSum += Math.log(Math.abs(pivot));
    }
    det[b] = product;
    sign[b] = signProduct;
    logAbsDet[b] = logSum;
  }
  return { det, sign, logAbsDet };
}
