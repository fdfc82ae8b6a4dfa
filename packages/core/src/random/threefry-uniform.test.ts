import { describe, expect, it } from 'vitest';
import { threefryBlock } from './threefry.js';
import { threefryUniforms } from './threefry-simd.js';
import { threefryKeyParity, threefryUniform } from './threefry-uniform.js';
import { uniformStream } from './uniform-stream.js';

/** The uniform of the stream's definition: Threefry-2x32 (hi, lo) → ((hi >>> 5)·2²⁶ + (lo >>> 6) + ½)/2⁵³. */
function reference(key0: number, key1: number, counter0: number, counter1: number): number {
  const [hi, lo] = threefryBlock(key0, key1, counter0, counter1);
  return ((hi >>> 5) * 2 ** 26 + (lo >>> 6) + 0.5) / 2 ** 53;
}

/** Words spread over [0, 2^32): a multiplicative hash of i (no randomness needed to cover the range). */
const word = (i: number): number => Math.imul(i + 1, 0x9e3779b1) >>> 0;

describe('threefryUniform (the unrolled block behind uniformStream)', () => {
  it('is bit-identical to threefryBlock for keys and counters across the uint32 range', () => {
    for (let i = 0; i < 2000; i++) {
      const [k0, k1, c0, c1] = [word(4 * i), word(4 * i + 1), word(4 * i + 2), i % 3 === 0 ? word(4 * i + 3) : i % 7];
      expect(threefryUniform(k0, k1, threefryKeyParity(k0, k1), c0, c1)).toBe(reference(k0, k1, c0, c1));
    }
    expect(threefryUniform(0xffffffff, 0xffffffff, threefryKeyParity(0xffffffff, 0xffffffff), 0xffffffff, 3)).toBe(
      reference(0xffffffff, 0xffffffff, 0xffffffff, 3),
    );
  });

  it('uniformStream draws the j-th uniform of counter (element, j), in (0, 1)', () => {
    const stream = uniformStream(42, 0x9a77a, 7);
    for (let j = 0; j < 5; j++) {
      const u = stream();
      expect(u).toBe(reference(42, 0x9a77a, 7, j));
      expect(u > 0 && u < 1).toBe(true);
    }
  });
});

describe('threefryUniforms (bulk, WebAssembly SIMD)', () => {
  it.each([
    [1, 2, 0, 13],
    [4000000000, 0x9a77a, 123456, 1003],
    [7, 8, 0xfffffff0, 40],
    [5, 6, 0, 0],
  ])('key (%i, %i), first element %i, %i elements: bit-identical to the scalar stream', (k0, k1, first, count) => {
    const rows = [0, 1, 2, 3].map(() => new Float64Array(count));
    threefryUniforms(k0, k1, first, rows);
    rows.forEach((row, j) => {
      for (let i = 0; i < count; i++) expect(row[i]).toBe(reference(k0, k1, (first + i) >>> 0, j));
    });
  });

  it('is uniform: the mean and the mean square of 2^16 draws are within 5 standard errors of 1/2, 1/3', () => {
    const row = new Float64Array(1 << 16);
    threefryUniforms(3, 4, 0, [row]);
    const n = row.length;
    const mean = row.reduce((a, b) => a + b, 0) / n;
    const square = row.reduce((a, b) => a + b * b, 0) / n;
    expect(Math.abs(mean - 1 / 2)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(square - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / n));
  });
});
