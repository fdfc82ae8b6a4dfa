import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gridMask } from './grid-mask.js';
import { impactMask } from './impact-mask.js';
import { createMask, fullMask, type PerforationMask } from './perforation-mask.js';
import { poolingStructureMask } from './pooling-structure-mask.js';
import { uniformMask } from './uniform-mask.js';

/** Brute force: every position against every kept one, ties → the lowest linear index. O(H·W·P). */
function bruteNearest(height: number, width: number, kept: readonly number[]): number[] {
  return Array.from({ length: height * width }, (_, p) => {
    let best = Number.POSITIVE_INFINITY;
    let at = -1;
    kept.forEach((q, i) => {
      const d = (Math.floor(p / width) - Math.floor(q / width)) ** 2 + ((p % width) - (q % width)) ** 2;
      if (d < best) {
        best = d;
        at = i;
      }
    });
    return at;
  });
}

const rowsOf = (mask: PerforationMask) => [...new Set(Array.from(mask.kept, (p) => Math.floor(p / mask.width)))];
const colsOf = (mask: PerforationMask) =>
  [...new Set(Array.from(mask.kept, (p) => p % mask.width))].sort((a, b) => a - b);

describe('createMask / fullMask', () => {
  it('computes the nearest kept position (hand case: every other row and column)', () => {
    const mask = createMask(4, 4, [10, 0, 8, 2]);
    expect(Array.from(mask.kept)).toEqual([0, 2, 8, 10]);
    expect(mask.keepFraction).toBe(0.25);
    expect(mask.strategy).toBe('uniform');
    // row 0: 0 0 1 1 (column 1 is equidistant from 0 and 2 → the lower index), row 3 copies row 2.
    expect(Array.from(mask.nearest)).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3]);
    expect(mask.grid).toEqual({ rows: Int32Array.from([0, 2]), cols: Int32Array.from([0, 2]) });
  });

  it('nearest agrees with a brute-force search on random masks of several shapes', () => {
    for (const [h, w, seed] of [
      [7, 7, 1],
      [5, 13, 2],
      [16, 3, 3],
      [1, 9, 4],
      [12, 12, 5],
    ] as const) {
      for (const keep of [0.05, 0.3, 0.7]) {
        const mask = uniformMask(h, w, keep, seed);
        expect(Array.from(mask.nearest)).toEqual(bruteNearest(h, w, Array.from(mask.kept)));
      }
    }
  });

  it('kept positions map to themselves; one kept position serves everything', () => {
    const mask = uniformMask(9, 6, 0.4, 11);
    expect(Array.from(mask.kept, (p) => mask.nearest[p])).toEqual([...mask.kept.keys()]);
    const single = createMask(3, 5, [7]);
    expect(Array.from(single.nearest)).toEqual(new Array(15).fill(0));
    expect(single.grid).toEqual({ rows: Int32Array.from([1]), cols: Int32Array.from([2]) });
  });

  it('fullMask keeps everything with nearest = identity and the full grid', () => {
    const mask = fullMask(3, 4);
    expect(Array.from(mask.kept)).toEqual([...Array(12).keys()]);
    expect(Array.from(mask.nearest)).toEqual([...Array(12).keys()]);
    expect(mask).toMatchObject({ keepFraction: 1, strategy: 'full', height: 3, width: 4 });
    expect(Array.from(mask.grid!.rows)).toEqual([0, 1, 2]);
    expect(Array.from(mask.grid!.cols)).toEqual([0, 1, 2, 3]);
    expect(createMask(3, 4, [...Array(12).keys()])).toEqual(mask);
  });

  it('sets grid only for rows × cols products', () => {
    expect(createMask(3, 3, [0, 4]).grid).toBeUndefined();
    expect(createMask(3, 3, [0, 1, 3]).grid).toBeUndefined();
    expect(() => createMask(3, 3, [0, 4], 'grid')).toThrow(/createMask: argument 'strategy' is 'grid'/);
    expect(() => createMask(3, 3, [0, 4], 'full')).toThrow(/createMask: argument 'strategy' is 'full'/);
  });

  it('rejects bad input naming the function and argument', () => {
    expect(() => createMask(0, 3, [0])).toThrow(/createMask: argument 'height'/);
    expect(() => createMask(3, 2.5, [0])).toThrow(/createMask: argument 'width'/);
    expect(() => createMask(3, 3, [])).toThrow(/createMask: argument 'kept' must hold at least one/);
    expect(() => createMask(3, 3, [9])).toThrow(/createMask: argument 'kept' must hold integers in \[0, 8\]/);
    expect(() => createMask(3, 3, [1.5])).toThrow(/createMask: argument 'kept'/);
    expect(() => createMask(3, 3, [1, 1])).toThrow(/createMask: argument 'kept' must not repeat/);
    expect(() => createMask(3, 3, 'abc' as never)).toThrow(/createMask: argument 'kept'/);
    expect(() => createMask(3, 3, [0], 'random' as never)).toThrow(/createMask: argument 'strategy'/);
    expect(() => fullMask(-1, 3)).toThrow(/fullMask: argument 'height'/);
  });
});

describe('uniformMask', () => {
  it('keeps round(keep·H·W) distinct positions, reproducibly per seed', () => {
    const mask = uniformMask(10, 10, 0.37, 42);
    expect(mask.kept.length).toBe(37);
    expect(mask.keepFraction).toBe(0.37);
    expect(mask.strategy).toBe('uniform');
    expect(new Set(mask.kept).size).toBe(37);
    expect(uniformMask(10, 10, 0.37, 42)).toEqual(mask);
    expect(Array.from(uniformMask(10, 10, 0.37, 43).kept)).not.toEqual(Array.from(mask.kept));
    expect(uniformMask(4, 4, 0.01, 1).kept.length).toBe(1);
    expect(uniformMask(4, 4, 1, 1).kept.length).toBe(16);
  });

  it('is uniform: every position is kept about equally often over seeds', () => {
    const counts = new Array(16).fill(0);
    for (let seed = 0; seed < 800; seed++) for (const p of uniformMask(4, 4, 0.25, seed).kept) counts[p]++;
    // Each position: Binomial(800, 1/4), mean 200, sd ≈ 12.2; 5 sd.
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(62);
  });

  it('rejects keepFraction outside (0, 1] and bad seeds', () => {
    for (const bad of [0, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0.5']) {
      expect(() => uniformMask(4, 4, bad as number, 1)).toThrow(/uniformMask: argument 'keepFraction'/);
    }
    expect(() => uniformMask(4, 4, 0.5, -1)).toThrow(/uniformMask: argument 'seed'/);
    expect(() => uniformMask(4, 4, 0.5, 1.5)).toThrow(/uniformMask: argument 'seed'/);
  });
});

describe('gridMask', () => {
  it('28×28 at keep 1/4: 14 × 14 points, one per 2 × 2 block at a common offset per axis', () => {
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const mask = gridMask(28, 28, 0.25, seed);
      expect(mask.strategy).toBe('grid');
      expect(mask.keepFraction).toBe(0.25);
      const rows = Array.from(mask.grid!.rows);
      const cols = Array.from(mask.grid!.cols);
      expect(rowsOf(mask)).toEqual(rows);
      expect(colsOf(mask)).toEqual(cols);
      const [r0, c0] = [rows[0]!, cols[0]!];
      expect([0, 1]).toContain(r0);
      expect(rows).toEqual(Array.from({ length: 14 }, (_, i) => 2 * i + r0));
      expect(cols).toEqual(Array.from({ length: 14 }, (_, i) => 2 * i + c0));
    }
  });

  it('coordinates are ⌈(X/n)(i + u)⌉ − 1 for one u per axis (hand case X = 10, n = 4)', () => {
    // keep 0.16 → n = ⌊√0.16 · 10⌋ = 4, X/n = 2.5; 2.5(i + u) crosses an integer at u = 0.2, 0.4, 0.6, 0.8.
    const layouts = [
      [0, 2, 5, 7], // u ∈ (0, 0.2]
      [0, 3, 5, 8], // (0.2, 0.4]
      [1, 3, 6, 8], // (0.4, 0.6]
      [1, 4, 6, 9], // (0.6, 0.8]
      [2, 4, 7, 9], // (0.8, 1)
    ];
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const mask = gridMask(10, 10, 0.16, seed);
      const rows = Array.from(mask.grid!.rows);
      expect(layouts).toContainEqual(rows);
      expect(layouts).toContainEqual(Array.from(mask.grid!.cols));
      seen.add(JSON.stringify(rows));
    }
    expect(seen.size).toBe(5);
  });

  it('reports the realized keep fraction (n floored) and handles H ≠ W per axis', () => {
    const mask = gridMask(28, 28, 1 / 1.5, 7);
    expect(mask.kept.length).toBe(22 * 22); // ⌊√(2/3 · 784)⌋ = 22
    expect(mask.keepFraction).toBeCloseTo(484 / 784, 12);
    const wide = gridMask(10, 20, 0.25, 3);
    expect(wide.grid!.rows.length).toBe(5);
    expect(wide.grid!.cols.length).toBe(10);
    expect(wide.keepFraction).toBe(0.25);
    expect(gridMask(5, 5, 1, 0)).toMatchObject({ keepFraction: 1, strategy: 'grid' });
    expect(gridMask(5, 5, 0.001, 0).kept.length).toBe(1);
    expect(gridMask(28, 28, 0.36, 9)).toEqual(gridMask(28, 28, 0.36, 9));
  });

  it('rejects bad input', () => {
    expect(() => gridMask(8, 8, 0, 1)).toThrow(/gridMask: argument 'keepFraction'/);
    expect(() => gridMask(8, 8, 1.01, 1)).toThrow(/gridMask: argument 'keepFraction'/);
    expect(() => gridMask(8, 0, 0.5, 1)).toThrow(/gridMask: argument 'width'/);
    expect(() => gridMask(8, 8, 0.5, 2 ** 32)).toThrow(/gridMask: argument 'seed'/);
  });
});

describe('impactMask', () => {
  it('keeps the top-k impacts; ties broken reproducibly by the seed', () => {
    const impact = [0.1, 5, 0.3, 2, 0, 7, 0.2, 0.2, 0.2];
    expect(Array.from(impactMask(impact, 3, 3, 3 / 9).kept)).toEqual([1, 3, 5]);
    expect(impactMask(Float32Array.from(impact), 3, 3, 4 / 9, 3).strategy).toBe('impact');
    const tied = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const kept = Array.from(impactMask(impact, 3, 3, 5 / 9, seed).kept);
      expect(kept.slice(0, 2)).toEqual([1, 2]);
      expect(kept).toContain(3);
      expect(kept).toContain(5);
      tied.add(kept.find((p) => p >= 6)!);
      expect(impactMask(impact, 3, 3, 5 / 9, seed)).toEqual(impactMask(impact, 3, 3, 5 / 9, seed));
    }
    expect(tied).toEqual(new Set([6, 7, 8]));
  });

  it('rejects bad input', () => {
    expect(() => impactMask([1, 2, 3], 2, 2, 0.5)).toThrow(/impactMask: argument 'impact' must have/);
    expect(() => impactMask([1, 2, Number.NaN, 4], 2, 2, 0.5)).toThrow(/impactMask: argument 'impact' must hold/);
    expect(() => impactMask([1, 2, 3, 4], 2, 2, 0)).toThrow(/impactMask: argument 'keepFraction'/);
    expect(() => impactMask(null as never, 2, 2, 0.5)).toThrow(/impactMask: argument 'impact'/);
  });
});

/** Number of windows of a k×k/s pooling with tf padding containing each position: ∂/∂x Σ conv2d(x, ones). */
function tfWindowCounts(h: number, w: number, size: number, stride: number, pad: 'valid' | 'same'): number[] {
  return tf.tidy(() => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.conv2d(x as tf.Tensor4D, tf.ones([size, size, 1, 1]), stride, pad)))(
      tf.zeros([1, h, w, 1]),
    );
    return Array.from(g.dataSync());
  });
}

describeBackends('poolingStructureMask', () => {
  it('3×3/2 pooling on 7×7: the 4 interior positions lying in 4 windows come first, then the 20 in 2', () => {
    const top = poolingStructureMask(7, 7, 4 / 49, { size: 3, stride: 2 }, 0);
    expect(Array.from(top.kept)).toEqual([16, 18, 30, 32]); // (2,2), (2,4), (4,2), (4,4)
    expect(top.strategy).toBe('pooling');
    const next = poolingStructureMask(7, 7, 24 / 49, { size: 3, stride: 2, pad: 'valid' }, 5);
    const expected = [...Array(49).keys()].filter((p) => [2, 4].includes(Math.floor(p / 7)) || [2, 4].includes(p % 7));
    expect(Array.from(next.kept)).toEqual(expected);
  });

  it('weights equal tf’s window counts (valid and same padding, incl. stride and pad)', () => {
    for (const [h, w, size, stride, pad] of [
      [7, 7, 3, 2, 'valid'],
      [6, 9, 3, 2, 'same'],
      [8, 8, 3, 3, 'same'],
      [9, 5, 2, 2, 'valid'],
      [10, 7, 4, 3, 'same'],
    ] as const) {
      const counts = tfWindowCounts(h, w, size, stride, pad);
      const distinct = [...new Set(counts)].sort((a, b) => b - a);
      // Keeping exactly the positions of weight ≥ each level reproduces that level set.
      for (const level of distinct) {
        const expected = counts.flatMap((c, p) => (c >= level ? [p] : []));
        const mask = poolingStructureMask(h, w, expected.length / (h * w), { size, stride, pad }, 1);
        expect(Array.from(mask.kept)).toEqual(expected);
      }
    }
  });

  it('breaks ties at random by the seed; non-overlapping 2×2/2 pooling is the uniform mask', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const mask = poolingStructureMask(7, 7, 6 / 49, { size: 3, stride: 2 }, seed);
      expect(Array.from(mask.kept)).toEqual(expect.arrayContaining([16, 18, 30, 32]));
      expect(poolingStructureMask(7, 7, 6 / 49, { size: 3, stride: 2 }, seed)).toEqual(mask);
      seen.add(JSON.stringify(Array.from(mask.kept)));
    }
    expect(seen.size).toBeGreaterThan(5);
    const pooled = poolingStructureMask(8, 8, 0.5, { size: 2, stride: 2 }, 13);
    expect(Array.from(pooled.kept)).toEqual(Array.from(uniformMask(8, 8, 0.5, 13).kept));
  });

  it('rejects bad input', () => {
    const pool = { size: 3, stride: 2 };
    expect(() => poolingStructureMask(7, 7, 0, pool, 0)).toThrow(/poolingStructureMask: argument 'keepFraction'/);
    expect(() => poolingStructureMask(7, 7, 2, pool, 0)).toThrow(/poolingStructureMask: argument 'keepFraction'/);
    expect(() => poolingStructureMask(7, 7, 0.5, { size: 0, stride: 2 }, 0)).toThrow(
      /poolingStructureMask: argument 'pool.size'/,
    );
    expect(() => poolingStructureMask(2, 7, 0.5, pool, 0)).toThrow(/poolingStructureMask: argument 'pool.size'/);
    expect(() => poolingStructureMask(7, 7, 0.5, { size: 3, stride: 2, pad: 'full' } as never, 0)).toThrow(
      /poolingStructureMask: argument 'pool.pad'/,
    );
    expect(() => poolingStructureMask(7, 7, 0.5, { size: 3, strides: 2 } as never, 0)).toThrow(
      /poolingStructureMask: argument 'pool'/,
    );
    expect(() => poolingStructureMask(7, 7, 0.5, null as never, 0)).toThrow(/poolingStructureMask: argument 'pool'/);
    expect(() => poolingStructureMask(7, 7, 0.5, pool, -3)).toThrow(/poolingStructureMask: argument 'seed'/);
  });
});
