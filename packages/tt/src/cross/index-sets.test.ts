import { describe, expect, it } from 'vitest';
import { EMPTY_INDEX_SET, fiberIndices, growLeft, growRight, type IndexSet, randomRightSets } from './index-sets.js';

const rowsOf = (set: IndexSet) =>
  Array.from({ length: set.count }, (_, p) => Array.from(set.rows.subarray(p * set.width, (p + 1) * set.width)));

describe('TT-cross index sets', () => {
  it('fiberIndices lists (I_p, i, J_s) in row (p·n + i)·|J| + s', () => {
    const left: IndexSet = { rows: Int32Array.of(0, 1, 2, 0), count: 2, width: 2 };
    const right: IndexSet = { rows: Int32Array.of(4, 3), count: 2, width: 1 };
    const rows = fiberIndices(left, 2, right);
    const expected = [
      [0, 1, 0, 4],
      [0, 1, 0, 3],
      [0, 1, 1, 4],
      [0, 1, 1, 3],
      [2, 0, 0, 4],
      [2, 0, 0, 3],
      [2, 0, 1, 4],
      [2, 0, 1, 3],
    ];
    expect(Array.from(rows)).toEqual(expected.flat());
    expect(Array.from(fiberIndices(EMPTY_INDEX_SET, 3, EMPTY_INDEX_SET))).toEqual([0, 1, 2]);
  });

  it('growLeft and growRight select rows of I × n and n × J', () => {
    const left: IndexSet = { rows: Int32Array.of(5, 7), count: 2, width: 1 };
    expect(rowsOf(growLeft(left, 3, [4, 0, 2]))).toEqual([
      [7, 1],
      [5, 0],
      [5, 2],
    ]);
    const right: IndexSet = { rows: Int32Array.of(5, 7), count: 2, width: 1 };
    expect(rowsOf(growRight(right, [3, 0, 4]))).toEqual([
      [1, 7],
      [0, 5],
      [2, 5],
    ]);
  });

  it.each([
    ['large ranges (rejection)', [20, 20, 20, 20, 20], 3],
    ['small ranges (shuffle)', [2, 2, 3, 1, 2], 4],
  ])('randomRightSets, %s: distinct, nested, of the asked sizes, the same for a seed', (_, sizes, rank) => {
    const ranks = sizes.map((_, k) => (k === 0 ? 1 : rank)).concat([1]);
    const sets = randomRightSets(sizes, ranks, 42);
    const d = sizes.length;
    expect(sets[d]).toBe(EMPTY_INDEX_SET);
    for (let k = d - 1; k >= 1; k--) {
      const rows = rowsOf(sets[k]!);
      const range = sizes[k]! * sets[k + 1]!.count;
      expect(rows).toHaveLength(Math.min(rank, range));
      expect(new Set(rows.map(String)).size).toBe(rows.length);
      const tails = new Set(rowsOf(sets[k + 1]!).map(String));
      for (const row of rows) {
        expect(row[0]).toBeLessThan(sizes[k]!);
        expect(tails.has(String(row.slice(1)))).toBe(true);
      }
    }
    expect(randomRightSets(sizes, ranks, 42).map(rowsOf)).toEqual(sets.map(rowsOf));
    expect(randomRightSets(sizes, ranks, 43).map(rowsOf)).not.toEqual(sets.map(rowsOf));
  });
});
