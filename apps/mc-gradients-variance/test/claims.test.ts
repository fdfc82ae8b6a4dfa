import { describe, expect, it } from 'vitest';
import {
  baselineAbovePathwiseClaim,
  couplingNotAlwaysBetterClaim,
  measureValuedNotUniformlyBestClaim,
  monteCarloClaim,
  type Point,
  scipyClaim,
  scoreFunctionBeatsPathwiseClaim,
  unbiasedClaim,
  varianceClaims,
} from '../src/claims.js';
import type { FigureConfig } from '../src/config.js';
import { COSTS, type CostName } from '../src/costs.js';
import type { EstimatorVariant } from '../src/exact-variance.js';
import type { TableColumn } from '../src/scipy-table.js';

const VARIANTS: Readonly<Record<TableColumn, EstimatorVariant>> = {
  SF: { label: 'SF', estimator: 'scoreFunction' },
  'SF*': { label: 'SF*', estimator: 'scoreFunction', baseline: 'optimal' },
  PW: { label: 'PW', estimator: 'pathwise' },
  MVc: { label: 'MVc', estimator: 'measureValued', coupling: true },
  MVu: { label: 'MVu', estimator: 'measureValued', coupling: false },
};

const figure = (cost: CostName): FigureConfig => ({
  cost,
  k: { from: 0.1, to: 10, points: 2, scale: 'linear' },
  yDomain: { loc: [1, 10], scale: [1, 10] },
  tableK: [],
});

/**
 * A hand-made point at μ = σ = 1: each listed estimator with the given exact variances [∂μ, ∂σ], means equal to
 * the closed-form gradient (plus `bias`), and Monte Carlo ∂μ variances `z` standard errors (of `varianceError`) plus
 * `shift` above the exact ones.
 */
function point(
  cost: CostName,
  k: number,
  variances: Partial<Record<TableColumn, readonly [number, number]>>,
  { inTable = true, bias = 0, z = 0, shift = 0, varianceError = 1 } = {},
): Point {
  const gradient = COSTS[cost].gradient(k, 1, 1);
  return {
    figure: figure(cost),
    k,
    inTable,
    estimates: Object.entries(variances).map(([column, variance]) => ({
      variant: VARIANTS[column as TableColumn],
      exact: { mean: [gradient[0] + bias, gradient[1]], variance: [variance[0], variance[1]] },
      monteCarlo: [
        { mean: 0, variance: variance[0] + z * varianceError + shift, varianceError },
        { mean: 0, variance: variance[1], varianceError },
      ],
    })),
  };
}

/** The scipy values at (x − k)², k = −3 (research notes §2.1). */
const SQUARE_MINUS_3 = {
  SF: [495, 1546],
  'SF*': [134, 664],
  PW: [4, 72],
  MVc: [17.49, 68],
  MVu: [10.02, 264],
} as const;

describe('variance claims', () => {
  it('exact.unbiased holds for closed-form means and fails for a mean 1e-6 off', () => {
    expect(unbiasedClaim([point('square', -3, SQUARE_MINUS_3)], 1, 1)).toMatchObject({ ours: 0, holds: true });
    const biased = unbiasedClaim([point('square', -3, SQUARE_MINUS_3, { bias: 1e-6 })], 1, 1);
    expect(biased.ours).toBeCloseTo(1e-6 / 8, 12);
    expect(biased.holds).toBe(false);
  });

  it('exact.matches-scipy holds when values round to the printed ones, fails otherwise, and is left out off the table', () => {
    expect(scipyClaim([point('square', -3, SQUARE_MINUS_3)])).toMatchObject({ ours: 0, holds: true });
    const off = scipyClaim([point('square', -3, { ...SQUARE_MINUS_3, PW: [4.6, 72] })])!;
    expect(off.ours).toBeCloseTo(1.2, 9);
    expect(off.holds).toBe(false);
    expect(off.detail).toContain('square k = -3 PW ∂μ: 4.6 vs 4');
    expect(scipyClaim([point('square', -3, SQUARE_MINUS_3, { inTable: false })])).toBeUndefined();
    expect(scipyClaim([point('square', 2, SQUARE_MINUS_3)])).toBeUndefined();
  });

  it('monte-carlo.matches-quadrature reads the fraction within 3 standard errors (a zero standard error counts)', () => {
    const near = point('square', -3, SQUARE_MINUS_3, { z: 2 });
    expect(monteCarloClaim([near])).toMatchObject({ ours: 1, holds: true });
    // 1 of the 12 variances is 6 standard errors off: 11/12 < 0.99.
    const one = point('square', -3, { PW: [4, 72] }, { z: 6 });
    expect(monteCarloClaim([near, one])).toMatchObject({ ours: 11 / 12, holds: false });
    expect(monteCarloClaim([near, one]).detail).toBe('11 of 12 variances; largest |z| 6');
    const degenerate = point('square', -3, { PW: [4, 72] }, { shift: 1e-6, varianceError: 0 });
    expect(monteCarloClaim([near, degenerate])).toMatchObject({ ours: 11 / 12, holds: false });
    const exact = point('square', -3, { PW: [4, 72] }, { shift: 1e-9, varianceError: 0 });
    expect(monteCarloClaim([near, exact])).toMatchObject({ ours: 1, holds: true });
  });

  it('square.baseline-score-function-above-pathwise reads the smallest SF*/PW ratio', () => {
    const holds = baselineAbovePathwiseClaim([point('square', 1, { 'SF*': [6, 24], PW: [4, 8] })])!;
    expect(holds).toMatchObject({ ours: 1.5, holds: true });
    const fails = baselineAbovePathwiseClaim([
      point('square', 1, { 'SF*': [6, 24], PW: [4, 8] }),
      point('square', 0, { 'SF*': [3, 64], PW: [4, 12] }),
    ])!;
    expect(fails).toMatchObject({ ours: 0.75, holds: false });
    expect(fails.detail).toContain('k = 0, ∂μ');
    expect(baselineAbovePathwiseClaim([point('square', 1, { PW: [4, 8] })])).toBeUndefined();
  });

  it('<cost>.score-function-beats-pathwise reads Var(PW)/Var(SF) at the largest k, with the scipy ratio as ours-exact', () => {
    const exp = scoreFunctionBeatsPathwiseClaim(
      [
        point('exp', 1, { SF: [0.1758, 0.1767], PW: [0.2117, 0.1757] }),
        point('exp', 10, { SF: [0.07694, 1], PW: [0.9416, 1] }),
      ],
      'exp',
    )!;
    expect(exp.ours).toBeCloseTo(0.9416 / 0.07694, 12);
    expect(exp.holds).toBe(true);
    expect(exp.reference).toMatchObject({ kind: 'ours-exact', value: 0.9416 / 0.07694 });
    expect(exp.text).toContain('largest k (10)');
    const swapped = scoreFunctionBeatsPathwiseClaim([point('cos', 5, { SF: [12.5, 1], PW: [0.5, 1] })], 'cos')!;
    expect(swapped).toMatchObject({ ours: 0.04, holds: false, reference: { kind: 'ours-exact', value: 25 } });
    expect(scoreFunctionBeatsPathwiseClaim([point('cos', 4, { SF: [1, 1], PW: [2, 1] })], 'cos')!.reference).toBeNull();
  });

  it('square.measure-valued-not-uniformly-best reads MVc/PW at the k farthest from μ', () => {
    const far = measureValuedNotUniformlyBestClaim(
      [point('square', 1, { MVc: [0, 4], PW: [4, 8] }), point('square', -3, SQUARE_MINUS_3)],
      1,
    )!;
    expect(far.ours).toBeCloseTo(17.49 / 4, 12);
    expect(far).toMatchObject({ holds: true, reference: { kind: 'ours-exact', value: 17.49 / 4 } });
    const near = measureValuedNotUniformlyBestClaim([point('square', 1, { MVc: [0, 4], PW: [4, 8] })], 1)!;
    expect(near).toMatchObject({ ours: 0, holds: false });
  });

  it('coupling-not-always-better needs both measure-valued variants and one point where uncoupled is lower', () => {
    const lower = couplingNotAlwaysBetterClaim([point('square', -3, SQUARE_MINUS_3)])!;
    expect(lower.ours).toBeCloseTo(10.02 / 17.49, 12);
    expect(lower.holds).toBe(true);
    const higher = couplingNotAlwaysBetterClaim([point('square', -3, { MVc: [17.49, 68], MVu: [20, 264] })])!;
    expect(higher.holds).toBe(false);
    expect(couplingNotAlwaysBetterClaim([point('square', -3, { MVc: [17.49, 68] })])).toBeUndefined();
  });

  it('varianceClaims gives unique ids and leaves out what the points do not support', () => {
    const claims = varianceClaims([point('square', -3, SQUARE_MINUS_3)], 1, 1);
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'exact.unbiased',
      'exact.matches-scipy',
      'monte-carlo.matches-quadrature',
      'square.baseline-score-function-above-pathwise',
      'square.measure-valued-not-uniformly-best',
      'coupling-not-always-better',
    ]);
  });
});
