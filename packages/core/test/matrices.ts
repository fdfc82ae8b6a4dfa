// Test matrices with known singular values, shared by the linalg suites.

/** Orthonormal DCT-II columns, m×k row-major: column j is c_j·cos(π(i + ½)j/m), c_0 = √(1/m), else √(2/m). */
export function dct(m: number, k: number): Float64Array {
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++)
      out[i * k + j] = Math.sqrt((j === 0 ? 1 : 2) / m) * Math.cos((Math.PI * (i + 0.5) * j) / m);
  }
  return out;
}

/** U·diag(s)·Vᵀ (m×n row-major, n = s.length) with DCT factors U (m×n) and V (n×n, rows permuted): singular values s. */
export function withSingularValues(m: number, s: readonly number[]): Float32Array {
  const n = s.length;
  const u = dct(m, n);
  const v = dct(n, n);
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < n; p++) sum += u[i * n + p]! * s[p]! * v[((j * 7) % n) * n + p]!;
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** n singular values from 1 down to `smallest`, geometric (condition number 1/smallest). */
export function geometricSpread(n: number, smallest: number): number[] {
  return Array.from({ length: n }, (_, j) => smallest ** (j / (n - 1)));
}
