/** Outcome of {@link luFactor}. */
export interface LuInfo {
  /** Sign of the row permutation, ±1. */
  readonly permutationSign: number;
  /** First column whose pivot is exactly zero (the matrix is singular), or −1. */
  readonly zeroPivot: number;
}

/**
 * LU factorization with partial pivoting, P·A = L·U, of one n×n row-major matrix in float64, in place:
 * U on and above the diagonal, the multipliers of the unit lower L below it, and in `pivots[k]` the row
 * swapped with row k at step k (LAPACK's getrf, unblocked; Golub & Van Loan, §3.4). A zero pivot
 * skips its elimination step and is reported, as LAPACK does; NaN propagates. Cost: 2n³/3 flops.
 */
export function luFactor(a: Float64Array, n: number, pivots: Int32Array): LuInfo {
  let permutationSign = 1;
  let zeroPivot = -1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[p * n + k]!)) p = i;
    pivots[k] = p;
    if (p !== k) {
      permutationSign = -permutationSign;
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
    }
    const pivot = a[k * n + k]!;
    if (pivot === 0) {
      if (zeroPivot < 0) zeroPivot = k;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k]! / pivot;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j]! -= l * a[k * n + j]!;
    }
  }
  return { permutationSign, zeroPivot };
}

/**
 * Solves A·X = B in place (`x` holds B, n×k row-major, on entry and X on return) from the factors of
 * {@link luFactor} of a nonsingular A: row swaps, forward substitution with L, back substitution with U.
 * Cost: 2n²k flops.
 */
export function luSolve(lu: Float64Array, n: number, pivots: Int32Array, x: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    const p = pivots[i]!;
    if (p === i) continue;
    for (let c = 0; c < k; c++) {
      const t = x[i * k + c]!;
      x[i * k + c] = x[p * k + c]!;
      x[p * k + c] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    for (let p = 0; p < i; p++) {
      const l = lu[i * n + p]!;
      if (l !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= l * x[p * k + c]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let p = i + 1; p < n; p++) {
      const u = lu[i * n + p]!;
      if (u !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= u * x[p * k + c]!;
    }
    const d = lu[i * n + i]!;
    for (let c = 0; c < k; c++) x[i * k + c]! /= d;
  }
}
