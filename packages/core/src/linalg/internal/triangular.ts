/**
 * Solves T·X = B in place for X (`x` holds B, n×k row-major, on entry and X on return), where T is the lower
 * (`lower`) or upper triangle of the row-major n×n matrix at `aOffset` of `a`, transposed when `adjoint`.
 * The other triangle is never read. Forward or back substitution in float64, n²k flops (Golub & Van
 * Loan, §3.1).
 *
 * @returns the first row whose diagonal entry is zero (then `x` is left unchanged), or −1.
 */
export function triangularSolveInPlace(
  a: ArrayLike<number>,
  aOffset: number,
  n: number,
  x: Float64Array,
  k: number,
  lower: boolean,
  adjoint: boolean,
): number {
  for (let i = 0; i < n; i++) if (a[aOffset + i * n + i] === 0) return i;
  // T[i, p] is a[i, p], or a[p, i] for the adjoint; T is lower triangular when exactly one of the two holds.
  const rowStride = adjoint ? 1 : n;
  const colStride = adjoint ? n : 1;
  const forward = lower !== adjoint;
  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    const [from, to] = forward ? [0, i] : [i + 1, n];
    for (let p = from; p < to; p++) {
      const t = a[aOffset + i * rowStride + p * colStride]!;
      if (t !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= t * x[p * k + c]!;
    }
    const d = a[aOffset + i * n + i]!;
    for (let c = 0; c < k; c++) x[i * k + c]! /= d;
  }
  return -1;
}
