import { describe, expect, it } from 'vitest';
import { choleskySolve } from '../src/baselines/cholesky-solve.js';
import { encodeTable } from '../src/baselines/encoding.js';
import { iterativeRidgeImpute } from '../src/baselines/iterative-ridge-impute.js';
import { knnImpute, nanEuclidean } from '../src/baselines/knn-impute.js';
import { meanImpute, mode } from '../src/baselines/mean-impute.js';
import { ridgeFit, ridgePredict } from '../src/baselines/ridge.js';
import { CASES, corruptedOf, nanOf, typesOf } from './fixture.js';

const N = Number.NaN;

/** Entry-wise closeness of two tables (NaN equals NaN), naming the first differing entry. */
function expectTablesClose(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
  tol: number,
) {
  expect(actual.length).toBe(expected.length);
  for (const [i, row] of expected.entries()) {
    for (const [j, v] of row.entries()) {
      const a = actual[i]![j]!;
      if (Number.isNaN(v)) expect(a, `(${i}, ${j})`).toBeNaN();
      else expect(Math.abs(a - v), `(${i}, ${j}): ${a} vs ${v}`).toBeLessThanOrEqual(tol * (1 + Math.abs(v)));
    }
  }
}

describe('baselines: hand-computed values', () => {
  it('meanImpute: observed mean for reals, most frequent class (lowest on ties) for categoricals', () => {
    const table = [
      [1, 0],
      [N, 1],
      [4, 1],
      [N, N],
      [7, 0],
    ];
    expect(meanImpute(table, ['real', { categories: 3 }])).toEqual([
      [1, 0],
      [4, 1],
      [4, 1],
      [4, 0],
      [7, 0],
    ]);
    expect(mode([2, 1, 2, 1], 3)).toBe(1);
  });

  it('encodeTable: standardizes on observed values (population std) and one-hot encodes', () => {
    const { x, groups, width } = encodeTable(
      [
        [1, 2],
        [3, N],
        [N, 0],
      ],
      ['real', { categories: 3 }],
    );
    expect(width).toBe(4);
    expect(groups[0]).toMatchObject({ start: 0, size: 1, mean: 2, std: 1 });
    expect(x).toEqual([
      [-1, 0, 0, 1],
      [1, N, N, N],
      [N, 1, 0, 0],
    ]);
  });

  it('nanEuclidean: scales the squared distance over the common coordinates by width / present', () => {
    // Common coordinates 0 and 2: (1² + 2²) · 4/2 = 10.
    expect(nanEuclidean([0, N, 1, 5], [1, 3, 3, N])).toBeCloseTo(Math.sqrt(10), 14);
    expect(nanEuclidean([N, 1], [2, N])).toBeNaN();
  });

  it('choleskySolve and ridgeFit: exact solution of a 2 × 2 system; a centered ridge with an unpenalized intercept', () => {
    // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0].
    const x = choleskySolve(
      [
        [4, 2],
        [2, 3],
      ],
      [[2], [1]],
    );
    expect(x[0]![0]).toBeCloseTo(0.5, 14);
    expect(x[1]![0]).toBeCloseTo(0, 14);
    expect(() => choleskySolve([[0]], [[1]])).toThrow("choleskySolve: 'a' must be positive definite");
    // y = 3 + 2x on x = −1, 0, 1: Σxc² = 2, Σxc·yc = 4, coef = 4 / (2 + λ) = 4/3 for λ = 1.
    const model = ridgeFit([[-1], [0], [1]], [[1], [3], [5]], 1);
    expect(model.coef[0]![0]).toBeCloseTo(4 / 3, 14);
    expect(ridgePredict(model, [2])[0]).toBeCloseTo(3 + 8 / 3, 14);
    expect(() => ridgeFit([[1]], [[1]], 0)).toThrow("ridgeFit: 'lambda' must be > 0, got 0");
  });

  it('iterativeRidgeImpute recovers an exact linear relation; knnImpute averages the k nearest donors', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const table = xs.map((x) => [x, x === 4 ? N : 2 * x + 1]);
    const filled = iterativeRidgeImpute(table, ['real', 'real'], { iterations: 5, lambda: 1e-9 });
    expect(filled[4]![1]).toBeCloseTo(9, 6);
    // Nearest to x = 4 by column 0 are x = 3 and x = 5: (7 + 11) / 2 = 9.
    expect(knnImpute(table, ['real', 'real'], 2)[4]![1]).toBeCloseTo(9, 12);
  });

  it('reject bad input, naming the function and argument', () => {
    expect(() => meanImpute([[1, 2]], ['real'])).toThrow("meanImpute: 'table' row 0 has 2 columns, expected 1");
    expect(() => knnImpute([[0.5]], [{ categories: 2 }], 3)).toThrow(
      "knnImpute: 'table' entry (0, 0) must be a class code in [0, 2), got 0.5",
    );
    expect(() => knnImpute([[1]], ['real'], 0)).toThrow("knnImpute: 'k' must be an integer ≥ 1, got 0");
    expect(() => iterativeRidgeImpute([[1]], ['real'], { iterations: 0, lambda: 1 })).toThrow(
      "iterativeRidgeImpute: 'options.iterations' must be an integer ≥ 1, got 0",
    );
  });
});

describe.each(CASES)('baselines against the numpy reference (scripts/baselines.py): $name', (c) => {
  const types = typesOf(c);
  const corrupted = corruptedOf(c);

  it('meanImpute', () => expectTablesClose(meanImpute(corrupted, types), nanOf(c.mean), 1e-12));
  it('iterativeRidgeImpute (10 rounds, λ = 1)', () =>
    expectTablesClose(
      iterativeRidgeImpute(corrupted, types, { iterations: 10, lambda: 1 }),
      nanOf(c.iterativeRidge),
      1e-9,
    ));
  it('knnImpute (k = 5)', () => expectTablesClose(knnImpute(corrupted, types, 5), nanOf(c.knn), 1e-12));
});
