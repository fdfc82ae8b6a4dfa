/** Rows of a tall matrix and the coefficients that express every row through them. */
export interface RowSelection {
  /** Indices of the selected rows, distinct, in the order of the coefficient columns. */
  readonly rows: number[];
  /** m × rows.length, row-major: row i of the matrix ≈ coefficients[i, :]·(the selected rows). */
  readonly coefficients: Float64Array;
}

/**
 * maxvol (Goreinov, Oseledets, Savostyanov, Tyrtyshnikov, Zamarashkin 2010): r rows of a full-column-rank
 * m × r matrix A whose r × r submatrix A_I is dominant, i.e. every entry of B = A·A_I⁻¹ has |B_ij| ≤ tol; then
 * |det A_I| ≥ max_J |det A_J| / (√r·tol)^r. Starts from the pivot rows of Gaussian elimination with partial
 * pivoting, then repeatedly swaps in the row i for column j of the largest |B_ij| > tol (|det A_I| grows by that
 * factor) with a rank-1 update of B, at most `maxSwaps` times. Host float64: the matrices are small (r ≤ a few
 * dozen) and no JavaScript linear-algebra library offers maxvol, so it is written out here.
 *
 * @param a m × r row-major, m ≥ r ≥ 1, full column rank (an orthonormal basis in TT-cross).
 * @param tol the dominance bound, ≥ 1 (1.05 as in teneva and ttpy).
 * @param maxSwaps the most row swaps.
 * @returns the r rows and B = A·A_I⁻¹ (B_I is the identity up to rounding).
 * Complexity: O(m·r²) for the start, O(m·r) per swap.
 * @see S. A. Goreinov et al., "How to find a good submatrix", in Matrix Methods: Theory, Algorithms and
 *   Applications, World Scientific, 2010; teneva `maxvol`.
 */
export function maxvol(a: Float64Array, m: number, r: number, tol = 1.05, maxSwaps = 100): RowSelection {
  const rows = pivotRows(a, m, r);
  const coefficients = multiplyByInverse(a, m, r, rows);
  for (let swap = 0; swap < maxSwaps; swap++) {
    let best = 0;
    let at = 0;
    for (let p = 0; p < m * r; p++) {
      const size = Math.abs(coefficients[p]!);
      if (size > best) [best, at] = [size, p];
    }
    if (best <= tol) break;
    const [i, j] = [Math.floor(at / r), at % r];
    rows[j] = i;
    const column = Float64Array.from({ length: m }, (_, p) => coefficients[p * r + j]!);
    const row = coefficients.slice(i * r, (i + 1) * r);
    row[j]! -= 1;
    const pivot = coefficients[at]!;
    for (let p = 0; p < m; p++) {
      const scale = column[p]! / pivot;
      for (let t = 0; t < r; t++) coefficients[p * r + t]! -= scale * row[t]!;
    }
  }
  return { rows, coefficients };
}

/** The pivot rows of Gaussian elimination with partial pivoting on the columns of a (m × r). */
function pivotRows(a: Float64Array, m: number, r: number): number[] {
  const work = a.slice(0, m * r);
  const chosen = new Uint8Array(m);
  const rows: number[] = [];
  for (let j = 0; j < r; j++) {
    let pivot = -1;
    let best = -1;
    for (let i = 0; i < m; i++) {
      if (chosen[i] === 0 && Math.abs(work[i * r + j]!) > best) [best, pivot] = [Math.abs(work[i * r + j]!), i];
    }
    chosen[pivot] = 1;
    rows.push(pivot);
    const p = work[pivot * r + j]!;
    if (p === 0) continue;
    for (let i = 0; i < m; i++) {
      if (chosen[i] === 1) continue;
      const scale = work[i * r + j]! / p;
      for (let t = j; t < r; t++) work[i * r + t]! -= scale * work[pivot * r + t]!;
    }
  }
  return rows;
}

/** a·(a[rows])⁻¹ (m × r), the inverse by Gauss–Jordan elimination with partial pivoting. */
function multiplyByInverse(a: Float64Array, m: number, r: number, rows: readonly number[]): Float64Array {
  const square = Float64Array.from({ length: r * r }, (_, p) => a[rows[Math.floor(p / r)]! * r + (p % r)]!);
  const inverse = Float64Array.from({ length: r * r }, (_, p) => (Math.floor(p / r) === p % r ? 1 : 0));
  for (let j = 0; j < r; j++) {
    let pivot = j;
    for (let i = j + 1; i < r; i++) if (Math.abs(square[i * r + j]!) > Math.abs(square[pivot * r + j]!)) pivot = i;
    swapRows(square, r, j, pivot);
    swapRows(inverse, r, j, pivot);
    const p = square[j * r + j]!;
    for (let t = 0; t < r; t++) {
      square[j * r + t]! /= p;
      inverse[j * r + t]! /= p;
    }
    for (let i = 0; i < r; i++) {
      const scale = square[i * r + j]!;
      if (i === j || scale === 0) continue;
      for (let t = 0; t < r; t++) {
        square[i * r + t]! -= scale * square[j * r + t]!;
        inverse[i * r + t]! -= scale * inverse[j * r + t]!;
      }
    }
  }
  const product = new Float64Array(m * r);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < r; k++) {
      const x = a[i * r + k]!;
      if (x !== 0) for (let t = 0; t < r; t++) product[i * r + t]! += x * inverse[k * r + t]!;
    }
  }
  return product;
}

function swapRows(x: Float64Array, r: number, i: number, j: number): void {
  if (i === j) return;
  for (let t = 0; t < r; t++) [x[i * r + t], x[j * r + t]] = [x[j * r + t]!, x[i * r + t]!];
}
