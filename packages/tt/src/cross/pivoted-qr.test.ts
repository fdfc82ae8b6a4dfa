import { describe, expect, it } from 'vitest';
import { sampleIndices } from '../../test/fixtures/cross-functions.js';
import { pivotedQr } from './pivoted-qr.js';

/** An m × r row-major matrix with entries uniform in (−1, 1) (seeded). */
const uniform = (m: number, r: number, seed: number) =>
  Float64Array.from(sampleIndices(m * r, 1, 2 ** 20, seed), (i) => i / 2 ** 19 - 1);

/** x (m × k) · y (k × c), row-major. */
function product(x: Float64Array, y: Float64Array, m: number, k: number, c: number): Float64Array {
  return Float64Array.from({ length: m * c }, (_, p) => {
    let sum = 0;
    for (let t = 0; t < k; t++) sum += x[Math.floor(p / c) * k + t]! * y[t * c + (p % c)]!;
    return sum;
  });
}

const transpose = (x: Float64Array, m: number, c: number) =>
  Float64Array.from({ length: m * c }, (_, p) => x[(p % m) * c + Math.floor(p / m)]!);
const frobenius = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));

describe('pivotedQr', () => {
  it('finds the rank of a 30 × 6 matrix of rank 3, with an orthonormal basis that reproduces it', () => {
    const [m, c] = [30, 6];
    const a = product(uniform(m, 3, 1), uniform(3, c, 2), m, 3, c);
    const { q, rank } = pivotedQr(a, m, c, 1e-10);
    expect(rank).toBe(3);
    const gram = product(transpose(q, m, rank), q, rank, m, rank);
    gram.forEach((v, p) => {
      expect(Math.abs(v - (Math.floor(p / rank) === p % rank ? 1 : 0))).toBeLessThan(1e-13);
    });
    const projected = product(q, product(transpose(q, m, rank), a, rank, m, c), m, rank, c);
    expect(frobenius(projected.map((v, p) => v - a[p]!))).toBeLessThan(1e-12 * frobenius(a));
  });

  it('truncates to the tolerance: diag(10, 1, 0.01) keeps 2 columns at 0.05 and 1 at 0.2', () => {
    const a = Float64Array.of(10, 0, 0, 0, 1, 0, 0, 0, 0.01, 0, 0, 0);
    expect(pivotedQr(a, 4, 3, 0.05).rank).toBe(2);
    expect(pivotedQr(a, 4, 3, 0.2).rank).toBe(1);
    expect(pivotedQr(a, 4, 3, 0).rank).toBe(3);
  });

  it('a zero matrix gives the first unit vector (rank 1)', () => {
    const { q, rank } = pivotedQr(new Float64Array(6), 3, 2, 1e-6);
    expect(rank).toBe(1);
    expect(Array.from(q)).toEqual([1, 0, 0]);
  });
});
