import { reflectColumns } from './reflect.js';

/** Thin QR factors of one matrix, column by column (`q[j*m + i]` = Q_ij, `r[j*k + i]` = R_ij). */
export interface HostQr {
  /** Q, m×k with orthonormal columns. */
  readonly q: Float64Array;
  /** R, k×n upper triangular with a non-negative diagonal. */
  readonly r: Float64Array;
}

/**
 * Thin Householder QR of one m×n matrix in float64, k = min(m, n) reflections (Golub & Van Loan, Matrix
 * Computations, 4th ed., §5.2), then Q accumulated backwards from the reflectors. Each row of R and column of Q
 * is negated where needed so that diag(R) ≥ 0, which makes the factorization unique for full-rank input.
 *
 * `a` holds the matrix column by column (`a[j*m + i]` = A_ij) and is overwritten. Column storage keeps
 * every inner loop on contiguous memory. Cost: 4mnk − 2(m + n)k² + 4k³/3 flops for R, about as much again
 * for Q. Squared entries cannot overflow float64 for inputs of float32 range, so norms are plain sums.
 */
export function householderQr(a: Float64Array, m: number, n: number): HostQr {
  const k = Math.min(m, n);
  // Reflector j is H_j = I − β_j v_j v_jᵀ with v_j stored in a[j*m + j .. j*m + m − 1].
  const beta = new Float64Array(k);
  const diagonal = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const column = j * m;
    let normSquared = 0;
    for (let i = j; i < m; i++) normSquared += a[column + i]! * a[column + i]!;
    const head = a[column + j]!;
    const alpha = head > 0 ? -Math.sqrt(normSquared) : Math.sqrt(normSquared);
    diagonal[j] = alpha;
    if (normSquared === 0) continue;
    a[column + j] = head - alpha;
    // vᵀv = ‖x‖² − 2·x_0·α + α² = 2(‖x‖² − x_0·α).
    const b = 1 / (normSquared - head * alpha);
    beta[j] = b;
    reflectColumns(a, column, b, a, j + 1, n, j, m);
  }
  const r = new Float64Array(k * n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < Math.min(c, k); i++) r[c * k + i] = a[c * m + i]!;
    if (c < k) r[c * k + c] = diagonal[c]!;
  }
  const q = new Float64Array(m * k);
  for (let c = 0; c < k; c++) q[c * m + c] = 1;
  for (let j = k - 1; j >= 0; j--) {
    if (beta[j] !== 0) reflectColumns(a, j * m, beta[j]!, q, j, k, j, m);
  }
  for (let j = 0; j < k; j++) {
    if (!(diagonal[j]! < 0)) continue;
    for (let c = j; c < n; c++) r[c * k + j] = -r[c * k + j]!;
    for (let i = 0; i < m; i++) q[j * m + i] = -q[j * m + i]!;
  }
  return { q, r };
}
