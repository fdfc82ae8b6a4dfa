/**
 * Solves A X = B for a symmetric positive definite A (p × p) by the Cholesky factorization A = L Lᵀ, then
 * forward and back substitution; B is p × m. O(p³ + p²·m), float64.
 *
 * @throws Error when A is not positive definite (a non-positive pivot).
 */
export function choleskySolve(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  const p = a.length;
  const l = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`choleskySolve: 'a' must be positive definite (pivot ${i} is ${s})`);
        l[i]![i] = Math.sqrt(s);
      } else {
        l[i]![j] = s / l[j]![j]!;
      }
    }
  }
  const m = b[0]?.length ?? 0;
  const y = b.map((row) => [...row]);
  for (let i = 0; i < p; i++) {
    for (let c = 0; c < m; c++) {
      let s = y[i]![c]!;
      for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]![c]!;
      y[i]![c] = s / l[i]![i]!;
    }
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let c = 0; c < m; c++) {
      let s = y[i]![c]!;
      for (let k = i + 1; k < p; k++) s -= l[k]![i]! * y[k]![c]!;
      y[i]![c] = s / l[i]![i]!;
    }
  }
  return y;
}
