/** Eigendecomposition of one symmetric matrix A = V·diag(d)·Vᵀ, the eigenvectors computed on demand. */
export interface HostEigen {
  /** Eigenvalues, descending. */
  readonly d: Float64Array;
  /**
   * Orthonormal eigenvectors of the `count` largest eigenvalues, column by column (`[j*n + i]` = V_ij, column
   * j belongs to d[j]). Cost 6·count flops per recorded rotation (about n² of them) plus 4n²·count.
   */
  vectors(count: number): Float64Array;
}

/**
 * Eigendecomposition of one symmetric n×n matrix in float64: Householder tridiagonalization with the
 * transformations accumulated, then the implicit QL iteration with Wilkinson shifts (Golub & Van Loan, Matrix
 * Computations, 4th ed., §8.3), in the formulation of JAMA's `EigenvalueDecomposition` (tred2 and tql2 of
 * EISPACK). The QL rotations are recorded rather than applied to all n columns, so that the eigenvectors of
 * the few largest eigenvalues cost O(n²·count) instead of 6n³ (the truncated SVD needs only those).
 *
 * `a` holds A (`a[j*n + i]` = A_ij; symmetric, so either order) and is overwritten (it keeps the
 * tridiagonalizing reflections for {@link HostEigen.vectors}). Entries must be finite.
 * Cost: about 4n³/3 flops for the tridiagonalization, O(n²) for the eigenvalues.
 *
 * @throws Error naming `opName` when the QL iteration does not converge in 30n sweeps.
 */
export function symmetricEigen(a: Float64Array, n: number, opName: string): HostEigen {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const scales = tridiagonalize(a, n, d, e);
  const rotations: number[] = [];
  const order = diagonalize(n, d, e, rotations, opName);
  return { d, vectors: (count) => eigenvectors(a, scales, n, rotations, order, count) };
}

/**
 * Columns `order[0..count)` of Q·R_1⋯R_K, Q = H_{n−1}⋯H_1 the tridiagonalizing reflections (stored by
 * {@link tridiagonalize} in `reflectors` with their `scales`) and R the recorded QL rotations (triples i, c, s
 * acting on columns i and i + 1): the rotations, last first, then the reflections, first to last, are applied
 * to the selected unit vectors, an n×count block. 6·count flops per rotation plus 4n²·count.
 */
function eigenvectors(
  reflectors: Float64Array,
  scales: Float64Array,
  n: number,
  rotations: readonly number[],
  order: Int32Array,
  count: number,
): Float64Array {
  // z row-major n×count: z[i*count + j].
  const z = new Float64Array(n * count);
  for (let j = 0; j < count; j++) z[order[j]! * count + j] = 1;
  rotateRows(z, count, rotations);
  reflectRows(reflectors, scales, n, z, count);
  const out = new Float64Array(n * count);
  for (let i = 0; i < n; i++) for (let j = 0; j < count; j++) out[j * n + i] = z[i * count + j]!;
  return out;
}

/**
 * z ← H_{n−1}⋯H_1·z for z row-major n×count: H_i = I − u·uᵀ/h_i with u (length i) in rows 0..i−1 of column i
 * of `reflectors` (column-major) and h_i = scales[i] (0: no reflection).
 */
function reflectRows(reflectors: Float64Array, scales: Float64Array, n: number, z: Float64Array, count: number): void {
  const g = new Float64Array(count);
  for (let i = 1; i < n; i++) {
    const h = scales[i]!;
    if (h === 0) continue;
    const column = i * n;
    g.fill(0);
    for (let k = 0; k < i; k++) {
      const u = reflectors[column + k]!;
      for (let j = 0; j < count; j++) g[j]! += u * z[k * count + j]!;
    }
    for (let k = 0; k < i; k++) {
      const u = reflectors[column + k]! / h;
      for (let j = 0; j < count; j++) z[k * count + j]! -= g[j]! * u;
    }
  }
}

/** Applies the recorded rotations, last first, to the rows of the row-major block z (`count` columns). */
function rotateRows(z: Float64Array, count: number, rotations: readonly number[]): void {
  for (let r = rotations.length - 3; r >= 0; r -= 3) {
    const x = rotations[r]! * count;
    const y = x + count;
    const c = rotations[r + 1]!;
    const s = rotations[r + 2]!;
    for (let j = 0; j < count; j++) {
      const zx = z[x + j]!;
      const zy = z[y + j]!;
      z[x + j] = c * zx + s * zy;
      z[y + j] = c * zy - s * zx;
    }
  }
}

/**
 * tred2's reduction: Qᵀ·A·Q tridiagonal, its diagonal to `d` and subdiagonal to e[1..]; the reflections stay
 * in `v` (reflection i in rows 0..i−1 of column i) with their scales returned (see {@link reflectRows}), so
 * that only the wanted eigenvectors are transformed, never all of Q (tred2's accumulation, 4n³/3 flops).
 * Each step is its own small function, which V8 optimizes reliably (one function of all of it kept
 * deoptimizing, 4x slower).
 */
function tridiagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array): Float64Array {
  for (let j = 0; j < n; j++) d[j] = v[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) reduceRow(v, n, d, e, i);
  const scales = d.slice();
  for (let j = 0; j < n; j++) d[j] = v[j * n + j]!;
  e[0] = 0;
  return scales;
}

/** Step i of tred2's reduction: the Householder reflection that zeroes row i left of the subdiagonal. */
function reduceRow(v: Float64Array, n: number, d: Float64Array, e: Float64Array, i: number): void {
  let scale = 0;
  let h = 0;
  for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
  if (scale === 0) {
    e[i] = d[i - 1]!;
    for (let j = 0; j < i; j++) {
      d[j] = v[j * n + i - 1]!;
      v[j * n + i] = 0;
      v[i * n + j] = 0;
    }
    d[i] = 0;
    return;
  }
  for (let k = 0; k < i; k++) {
    d[k]! /= scale;
    h += d[k]! * d[k]!;
  }
  let f = d[i - 1]!;
  let g = Math.sqrt(h);
  if (f > 0) g = -g;
  e[i] = scale * g;
  h -= f * g;
  d[i - 1] = f - g;
  e.fill(0, 0, i);
  for (let j = 0; j < i; j++) {
    f = d[j]!;
    v[i * n + j] = f;
    const column = j * n;
    g = e[j]! + v[column + j]! * f;
    for (let k = j + 1; k <= i - 1; k++) {
      g += v[column + k]! * d[k]!;
      e[k]! += v[column + k]! * f;
    }
    e[j] = g;
  }
  f = 0;
  for (let j = 0; j < i; j++) {
    e[j]! /= h;
    f += e[j]! * d[j]!;
  }
  const hh = f / (h + h);
  for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
  for (let j = 0; j < i; j++) {
    f = d[j]!;
    g = e[j]!;
    const column = j * n;
    for (let k = j; k <= i - 1; k++) v[column + k]! -= f * e[k]! + g * d[k]!;
    d[j] = v[column + i - 1]!;
    v[column + i] = 0;
  }
  d[i] = h;
}

/**
 * tql2: diagonalizes the tridiagonal (d, e[1..]) by implicit QL, recording each rotation of columns i, i + 1
 * as (i, c, s) in `rotations`; sorts d descending and returns the column each sorted eigenvalue came from.
 */
function diagonalize(n: number, d: Float64Array, e: Float64Array, rotations: number[], opName: string): Int32Array {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let norm = 0;
  let sweeps = 0;
  for (let l = 0; l < n; l++) {
    norm = Math.max(norm, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > Number.EPSILON * norm) m++;
    if (m > l) {
      do {
        if (++sweeps > 30 * n) throw new Error(`${opName}: no convergence of the eigenvalue iteration`);
        f += qlSweep(n, d, e, l, m, rotations);
      } while (Math.abs(e[l]!) > Number.EPSILON * norm);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => d[y]! - d[x]! || x - y);
  const sorted = Float64Array.from(order, (i) => d[i]!);
  d.set(sorted);
  return order;
}

/**
 * One implicit QL sweep with a Wilkinson shift on the unreduced block l..m of the tridiagonal (d, e), recording
 * its rotations; returns the shift applied to d[l + 2..] (tql2 adds it back at the end).
 */
function qlSweep(n: number, d: Float64Array, e: Float64Array, l: number, m: number, rotations: number[]): number {
  let g = d[l]!;
  let p = (d[l + 1]! - g) / (2 * e[l]!);
  let r = Math.hypot(p, 1);
  if (p < 0) r = -r;
  d[l] = e[l]! / (p + r);
  d[l + 1] = e[l]! * (p + r);
  const dl1 = d[l + 1]!;
  let h = g - d[l]!;
  for (let i = l + 2; i < n; i++) d[i]! -= h;
  const shift = h;
  p = d[m]!;
  let c = 1;
  let c2 = c;
  let c3 = c;
  const el1 = e[l + 1]!;
  let s = 0;
  let s2 = 0;
  for (let i = m - 1; i >= l; i--) {
    c3 = c2;
    c2 = c;
    s2 = s;
    g = c * e[i]!;
    h = c * p;
    r = Math.hypot(p, e[i]!);
    e[i + 1] = s * r;
    s = e[i]! / r;
    c = p / r;
    p = c * d[i]! - s * g;
    d[i + 1] = h + s * (c * g + s * d[i]!);
    rotations.push(i, c, s);
  }
  p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
  e[l] = s * p;
  d[l] = c * p;
  return shift;
}
