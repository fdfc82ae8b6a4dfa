import { describe, expect, it } from 'vitest';
import { applyMask } from '../src/corrupt.js';
import { nrmse, pfc, spread } from '../src/metrics.js';
import { ranks, spearman } from '../src/statistics.js';
import { CASES, typesOf } from './fixture.js';

describe('metrics: hand-computed values', () => {
  const truth = [
    [0, 0],
    [2, 1],
    [4, 2],
    [6, 1],
  ];
  const mask = [
    [true, true],
    [false, false],
    [true, true],
    [false, false],
  ];
  const types = ['real', { categories: 3 }] as const;
  // Imputations of the removed entries (0, ·) and (2, ·): reals 1 and 3 (mean 2), 3 and 5 (mean 4);
  // classes 0, 1 (vote: 0, correct), 1, 1 (vote: 1, wrong).
  const imputations = [
    [
      [1, 0],
      [2, 1],
      [3, 1],
      [6, 1],
    ],
    [
      [3, 1],
      [2, 1],
      [5, 1],
      [6, 1],
    ],
  ];

  it('nrmse: RMSE of the mean imputation over the removed entries / population std of the full column', () => {
    // Errors 2 − 0 = 2 and 4 − 4 = 0: RMSE √2; column std √5.
    const score = nrmse(truth, mask, imputations, [...types]);
    expect(score.perColumn[1]).toBeNull();
    expect(score.mean).toBeCloseTo(Math.sqrt(2) / Math.sqrt(5), 14);
  });

  it('pfc: majority vote over the imputations, ties to the lowest class', () => {
    expect(pfc(truth, mask, imputations, [...types]).mean).toBeCloseTo(0.5, 14);
  });

  it('spread: mean std across imputations / column std; disagreement rate for classes', () => {
    const s = spread(truth, mask, imputations, [...types]);
    expect(s.mean).toBeCloseTo(1 / Math.sqrt(5), 14);
    expect(s.categorical).toEqual([null, 0.5]);
  });

  it('applyMask sets NaN where the mask is true; ranks and spearman handle ties', () => {
    expect(applyMask([[1, 2]], [[false, true]])).toEqual([[1, Number.NaN]]);
    expect(() => applyMask([[1, 2]], [[true]])).toThrow("applyMask: 'mask' must have the shape of 'table'");
    expect(ranks([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4]);
    expect(spearman([1, 2, 3, 4], [10, 30, 20, 40])).toBeCloseTo(0.8, 14);
  });

  it('rejects mismatched shapes', () => {
    expect(() => nrmse(truth, mask.slice(1), imputations, [...types])).toThrow(
      "nrmse: 'truth', 'mask' and every imputation must have the same number of rows",
    );
    expect(() => pfc(truth, mask, [], [...types])).toThrow("pfc: 'imputations' must hold at least one completed table");
  });
});

describe.each(CASES)('metrics against the numpy reference (scripts/baselines.py): $name', (c) => {
  const types = typesOf(c);
  it('nrmse, pfc and spread per column', () => {
    const close = (actual: readonly (number | null)[], expected: readonly (number | null)[]) => {
      expect(actual.length).toBe(expected.length);
      for (const [j, v] of expected.entries()) {
        if (v === null) expect(actual[j]).toBeNull();
        else expect(actual[j]).toBeCloseTo(v, 12);
      }
    };
    close(nrmse(c.truth, c.mask, c.imputations, types).perColumn, c.metrics.nrmse);
    close(pfc(c.truth, c.mask, c.imputations, types).perColumn, c.metrics.pfc);
    const s = spread(c.truth, c.mask, c.imputations, types);
    close(s.perColumn, c.metrics.spread);
    close(s.categorical, c.metrics.spreadCategorical);
  });
});
