/**
 * Cholesky factor L (A = L·Lᵀ, lower, positive diagonal) of the symmetric matrix whose lower triangle is
 * that of the row-major n×n matrix at `offset` of `a` (the upper triangle is never read), written row-major
 * into `l` (zeros above the diagonal). Row-oriented Cholesky–Banachiewicz in float64, n³/3 flops (Golub &
 * Van Loan, §4.2). A NaN entry gives NaN factors rather than a failure.
 *
 * @returns 0 on success, else the order i of the first leading minor that is not positive (`l` is then
 * incomplete).
 */
export function choleskyFactor(a: ArrayLike<number>, offset: number, n: number, l: Float64Array): number {
  l.fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[offset + i * n + j]!;
      for (let p = 0; p < j; p++) sum -= l[i * n + p]! * l[j * n + p]!;
      if (i !== j) {
        l[i * n + j] = sum / l[j * n + j]!;
      } else if (sum <= 0) {
        return i + 1;
      } else {
        l[i * n + i] = Math.sqrt(sum);
      }
    }
  }
  return 0;
}
