/** A truncated, column-pivoted QR factorization: its orthonormal basis and the numerical rank. */
export interface PivotedQr {
  /** m × rank, row-major, orthonormal columns spanning the kept part of the column space. */
  readonly q: Float64Array;
  /** The number of columns kept, ≥ 1. */
  readonly rank: number;
}

/**
 * Rank-revealing QR with column pivoting on the host in float64 (Businger–Golub): at each step the remaining
 * column of largest norm is normalized into the basis and projected out of the others (modified Gram–Schmidt,
 * the new vector orthogonalized twice against the basis for stability); it stops once the Frobenius norm of
 * what is left is at most `relTol`·‖a‖_F, so ‖a − Q·Qᵀ·a‖_F ≤ relTol·‖a‖_F. A zero matrix gives the first unit
 * vector (rank 1), so callers always get a basis to run maxvol on.
 *
 * Written here rather than taken from `@proj/core/linalg`: TT-cross needs the numerical rank with a float64
 * basis of small host matrices that it reads anyway, and `qr` there takes and returns float32 tensors.
 *
 * @param a m × c row-major.
 * @param relTol the relative truncation tolerance, ≥ 0 (0 keeps every non-zero direction).
 * Complexity: O(m·c·rank).
 * @see P. Businger, G. H. Golub, "Linear least squares solutions by Householder transformations", Numer. Math.
 *   7, 1965; Golub & Van Loan, Matrix Computations, 4th ed., §5.4.2.
 */
export function pivotedQr(a: Float64Array, m: number, c: number, relTol: number): PivotedQr {
  const columns = Array.from({ length: c }, (_, j) => Float64Array.from({ length: m }, (_, i) => a[i * c + j]!));
  const remaining = new Set(columns.keys());
  const basis: Float64Array[] = [];
  const total = columns.reduce((sum, column) => sum + dot(column, column), 0);
  while (basis.length < Math.min(m, c)) {
    let pivot = -1;
    let left = 0;
    let best = -1;
    for (const j of remaining) {
      const norm2 = dot(columns[j]!, columns[j]!);
      left += norm2;
      if (norm2 > best) [best, pivot] = [norm2, j];
    }
    if (best <= 0 || (basis.length > 0 && left <= relTol * relTol * total)) break;
    const v = columns[pivot]!.slice();
    for (let pass = 0; pass < 2; pass++) for (const u of basis) axpy(-dot(u, v), u, v);
    const norm = Math.sqrt(dot(v, v));
    if (!(norm > 0)) break;
    for (let i = 0; i < m; i++) v[i]! /= norm;
    basis.push(v);
    remaining.delete(pivot);
    for (const j of remaining) axpy(-dot(v, columns[j]!), v, columns[j]!);
  }
  if (basis.length === 0) basis.push(Float64Array.from({ length: m }, (_, i) => (i === 0 ? 1 : 0)));
  const rank = basis.length;
  const q = new Float64Array(m * rank);
  basis.forEach((u, t) => {
    for (let i = 0; i < m; i++) q[i * rank + t] = u[i]!;
  });
  return { q, rank };
}

function dot(x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * y[i]!;
  return sum;
}

/** y ← y + alpha·x. */
function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += alpha * x[i]!;
}
