import { describe, expect, it } from 'vitest';
import { COSTS } from '../src/costs.js';
import { type EstimatorVariant, exactMoments } from '../src/exact-variance.js';
import { integrate } from '../src/quadrature.js';
import { printedDeviation, scipyValue } from '../src/scipy-table.js';

describe('integrate (adaptive Gauss–Kronrod G7-K15)', () => {
  it.each([
    ['sin on [0, π]', (x: number) => Math.sin(x), 0, Math.PI, 2],
    ['e^(−x²) on [−12, 12]', (x: number) => Math.exp(-x * x), -12, 12, Math.sqrt(Math.PI)],
    ['x⁶ on [−1, 2] (exact for K15)', (x: number) => x ** 6, -1, 2, (2 ** 7 + 1) / 7],
    ['cos(50x) on [0, 1] (oscillatory)', (x: number) => Math.cos(50 * x), 0, 1, Math.sin(50) / 50],
    ['1/√x on [0, 1] (endpoint singularity)', (x: number) => 1 / Math.sqrt(x), 0, 1, 2],
  ])('%s', (_, f, a, b, exact) => {
    const { value, error } = integrate(f, a, b, { relTol: 1e-12, absTol: 1e-14 });
    expect(Math.abs(value - exact)).toBeLessThan(1e-9 * Math.max(1, Math.abs(exact)));
    expect(error).toBeLessThan(1e-8);
  });

  it('fails loudly when the tolerance cannot be met', () => {
    expect(() => integrate((x) => Math.sin(1 / x), 0, 1, { relTol: 1e-14, absTol: 0, maxIntervals: 50 })).toThrow(
      /integrate: no convergence on \[0, 1\] in 50 intervals/,
    );
    expect(() => integrate(() => Number.NaN, 0, 1)).toThrow('integrate: the integrand is not finite on [0, 1]');
  });
});

const VARIANTS: readonly EstimatorVariant[] = [
  { label: 'SF', estimator: 'scoreFunction' },
  { label: 'SF*', estimator: 'scoreFunction', baseline: 'optimal' },
  { label: 'PW', estimator: 'pathwise' },
  { label: 'MVc', estimator: 'measureValued', coupling: true },
  { label: 'MVu', estimator: 'measureValued', coupling: false },
];
const POINTS = [
  ...[-3, -1, 0, 1, 3].map((k) => ['square', k] as const),
  ...[0.1, 1, 10].map((k) => ['exp', k] as const),
  ...[0.5, 1, 2, 5].map((k) => ['cos', k] as const),
];

describe('exact variances by quadrature', () => {
  it.each(POINTS)(
    "%s, k = %s: every estimator's variance equals the research notes' scipy table, its mean the gradient",
    (cost, k) => {
      const gradient = COSTS[cost].gradient(k, 1, 1);
      for (const variant of VARIANTS) {
        const { mean, variance } = exactMoments(COSTS[cost], k, 1, 1, variant, { limit: 12, relTol: 1e-10 });
        for (const j of [0, 1] as const) {
          expect(mean[j]).toBeCloseTo(gradient[j], 10);
          const printed = scipyValue(cost, k, variant, j)!;
          expect(
            printedDeviation(variance[j], printed),
            `${variant.label} ${j}: ${variance[j]} vs ${printed}`,
          ).toBeLessThanOrEqual(1);
        }
      }
    },
  );

  it('printedDeviation counts half units of the last printed digit', () => {
    expect(printedDeviation(17.4873, '17.49')).toBeCloseTo(0.54, 9);
    expect(printedDeviation(17.4849, '17.49')).toBeCloseTo(1.02, 9);
    expect(printedDeviation(0.0200004, '.02')).toBeCloseTo(8e-5, 9);
    expect(printedDeviation(495.4, '495')).toBeCloseTo(0.8, 9);
    expect(printedDeviation(495.6, '495')).toBeCloseTo(1.2, 9);
  });

  it('scipyValue finds a table k within rounding of a grid value, and nothing off the table', () => {
    const pathwise: EstimatorVariant = { label: 'PW', estimator: 'pathwise' };
    expect(scipyValue('exp', 10.000000000000007, pathwise, 0)).toBe('.9416');
    expect(scipyValue('exp', 9.9, pathwise, 0)).toBeUndefined();
  });
});
