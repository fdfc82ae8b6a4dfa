import { describe, expect, it } from 'vitest';
import { sampleIndices } from '../../test/fixtures/cross-functions.js';
import { maxvol } from './maxvol.js';
import { extendRows } from './rect-maxvol.js';

/** An m × r row-major matrix with entries uniform in (−1, 1) (seeded). */
function randomMatrix(m: number, r: number, seed: number): Float64Array {
  return Float64Array.from(sampleIndices(m * r, 1, 2 ** 20, seed), (i) => i / 2 ** 19 - 1);
}

/** |det| of the r × r submatrix of rows `rows` (Gaussian elimination with partial pivoting). */
function absDet(a: Float64Array, r: number, rows: readonly number[]): number {
  const s = rows.flatMap((i) => Array.from(a.subarray(i * r, (i + 1) * r)));
  let det = 1;
  for (let j = 0; j < r; j++) {
    let p = j;
    for (let i = j + 1; i < r; i++) if (Math.abs(s[i * r + j]!) > Math.abs(s[p * r + j]!)) p = i;
    for (let t = 0; t < r; t++) [s[j * r + t], s[p * r + t]] = [s[p * r + t]!, s[j * r + t]!];
    det *= s[j * r + j]!;
    for (let i = j + 1; i < r; i++) {
      const f = s[i * r + j]! / s[j * r + j]!;
      for (let t = j; t < r; t++) s[i * r + t]! -= f * s[j * r + t]!;
    }
  }
  return Math.abs(det);
}

/** Every r-subset of 0..m−1. */
function subsets(m: number, r: number): number[][] {
  if (r === 0) return [[]];
  if (m < r) return [];
  return [...subsets(m - 1, r), ...subsets(m - 1, r - 1).map((s) => [...s, m - 1])];
}

/** max |x_i − y_i|. */
const maxDiff = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  Array.from(x).reduce((worst, v, i) => Math.max(worst, Math.abs(v - y[i]!)), 0);

/** B·A_I (m × r). */
function reconstruct(b: Float64Array, a: Float64Array, m: number, r: number, width: number, rows: number[]) {
  return Float64Array.from({ length: m * r }, (_, p) => {
    const [i, j] = [Math.floor(p / r), p % r];
    return rows.reduce((sum, row, t) => sum + b[i * width + t]! * a[row * r + j]!, 0);
  });
}

describe('maxvol', () => {
  it.each([
    [50, 5, 1],
    [200, 12, 2],
    [8, 8, 3],
  ])('%i × %i: coefficients |B| ≤ 1.05, B_I = I and B·A_I = A', (m, r, seed) => {
    const a = randomMatrix(m, r, seed);
    const { rows, coefficients } = maxvol(a, m, r);
    expect(new Set(rows).size).toBe(r);
    expect(Math.max(...Array.from(coefficients, Math.abs))).toBeLessThanOrEqual(1.05 + 1e-12);
    rows.forEach((row, t) => {
      const expected = Array.from({ length: r }, (_, j) => (j === t ? 1 : 0));
      expect(maxDiff(coefficients.subarray(row * r, (row + 1) * r), expected)).toBeLessThan(1e-10);
    });
    expect(maxDiff(reconstruct(coefficients, a, m, r, r, rows), a)).toBeLessThan(1e-10);
  });

  it('swaps rows when the starting pivots are not dominant (maxSwaps 0 leaves |B| > 1.05)', () => {
    const [m, r] = [200, 12];
    const a = randomMatrix(m, r, 2);
    const start = maxvol(a, m, r, 1.05, 0);
    expect(Math.max(...Array.from(start.coefficients, Math.abs))).toBeGreaterThan(1.05);
    const done = maxvol(a, m, r);
    expect(absDet(a, r, done.rows)).toBeGreaterThan(absDet(a, r, start.rows));
  });

  it('a known case: rows 3 and 1 of [[1, 0], [0, 1], [0.5, 0.5], [2, 0]] (|det| 2, the maximum)', () => {
    const a = Float64Array.of(1, 0, 0, 1, 0.5, 0.5, 2, 0);
    const { rows, coefficients } = maxvol(a, 4, 2, 1);
    expect([...rows].sort()).toEqual([1, 3]);
    expect(maxDiff(coefficients, [0.5, 0, 0, 1, 0.25, 0.5, 1, 0])).toBeLessThan(1e-15);
  });

  it('r = 1 picks the entry of largest modulus, as an exhaustive search does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = randomMatrix(9, 1, seed);
      const best = Array.from(a).reduce((b, v, i) => (Math.abs(v) > Math.abs(a[b]!) ? i : b), 0);
      expect(maxvol(a, 9, 1, 1).rows).toEqual([best]);
    }
  });

  it.each([
    [6, 2],
    [7, 3],
    [8, 4],
  ])('%i × %i: within the maxvol guarantee of the exhaustive maximum volume, 30 matrices', (m, r) => {
    const candidates = subsets(m, r);
    for (let seed = 1; seed <= 30; seed++) {
      const a = randomMatrix(m, r, 100 * m + seed);
      const best = Math.max(...candidates.map((rows) => absDet(a, r, rows)));
      const chosen = absDet(a, r, maxvol(a, m, r).rows);
      // A dominant submatrix (|B| ≤ tol) has volume ≥ max volume / (√r·tol)^r (Hadamard's bound on B_J).
      expect(chosen * (Math.sqrt(r) * 1.05) ** r).toBeGreaterThanOrEqual(best * (1 - 1e-12));
      // and with tol = 1 it is a local maximum: no single-row swap increases the volume.
      const strict = maxvol(a, m, r, 1, 1000).rows;
      const volume = absDet(a, r, strict);
      for (let j = 0; j < r; j++) {
        for (let i = 0; i < m; i++) {
          if (strict.includes(i)) continue;
          const swapped = strict.map((row, t) => (t === j ? i : row));
          expect(absDet(a, r, swapped)).toBeLessThanOrEqual(volume * (1 + 1e-12));
        }
      }
    }
  });
});

describe('extendRows (rect-maxvol)', () => {
  it('adds the rows of largest coefficient norm and returns the least-squares coefficients A·A_I⁺', () => {
    const [m, r, extra] = [40, 4, 3];
    const a = randomMatrix(m, r, 7);
    const square = maxvol(a, m, r);
    const norms = Array.from({ length: m }, (_, i) =>
      square.rows.includes(i)
        ? -1
        : Array.from(square.coefficients.subarray(i * r, (i + 1) * r)).reduce((s, v) => s + v * v, 0),
    );
    const { rows, coefficients } = extendRows(square, m, extra);
    expect(rows.slice(0, r)).toEqual(square.rows);
    expect(rows[r]).toBe(norms.indexOf(Math.max(...norms)));
    expect(new Set(rows).size).toBe(r + extra);
    // Reference: A·(A_Iᵀ·A_I)⁻¹·A_Iᵀ through the normal equations, solved by Gauss–Jordan.
    const k = rows.length;
    const gram = Array.from({ length: r * r }, (_, p) =>
      rows.reduce((s, row) => s + a[row * r + Math.floor(p / r)]! * a[row * r + (p % r)]!, 0),
    );
    const inv = Array.from({ length: r * r }, (_, p) => (Math.floor(p / r) === p % r ? 1 : 0));
    for (let j = 0; j < r; j++) {
      const pivot = gram[j * r + j]!;
      for (let t = 0; t < r; t++) {
        gram[j * r + t]! /= pivot;
        inv[j * r + t]! /= pivot;
      }
      for (let i = 0; i < r; i++) {
        if (i === j) continue;
        const f = gram[i * r + j]!;
        for (let t = 0; t < r; t++) {
          gram[i * r + t]! -= f * gram[j * r + t]!;
          inv[i * r + t]! -= f * inv[j * r + t]!;
        }
      }
    }
    const expected = Float64Array.from({ length: m * k }, (_, p) => {
      const [i, c] = [Math.floor(p / k), p % k];
      let sum = 0;
      for (let s = 0; s < r; s++)
        for (let t = 0; t < r; t++) sum += a[i * r + s]! * inv[s * r + t]! * a[rows[c]! * r + t]!;
      return sum;
    });
    expect(maxDiff(coefficients, expected)).toBeLessThan(1e-10);
    expect(maxDiff(reconstruct(coefficients, a, m, r, k, rows), a)).toBeLessThan(1e-10);
  });
});
