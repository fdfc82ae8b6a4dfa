import { describe, expect, it } from 'vitest';
import { invertIncreasing } from '../src/inverse-cdf.js';
import { vonMisesCdf64, vonMisesDensity64 } from '../src/von-mises-cdf64.js';

/** The von Mises(0, κ) density in closed form (I₀ by its power series, enough for κ ≤ 50). */
function density(x: number, kappa: number): number {
  let [term, i0] = [1, 1];
  for (let k = 1; k < 200; k++) {
    term *= (kappa * kappa) / (4 * k * k);
    i0 += term;
  }
  return Math.exp(kappa * Math.cos(x)) / (2 * Math.PI * i0);
}

describe('vonMisesCdf64', () => {
  it('is 0, ½ and 1 at −π, 0 and π, and F(x) + F(−x) = 1', () => {
    for (const kappa of [1e-4, 0.5, 10, 1e4]) {
      expect(vonMisesCdf64(-Math.PI, kappa)[0]).toBeCloseTo(0, 14);
      expect(vonMisesCdf64(0, kappa)[0]).toBeCloseTo(0.5, 15);
      expect(vonMisesCdf64(Math.PI, kappa)[0]).toBeCloseTo(1, 14);
      expect(vonMisesCdf64(0.3, kappa)[0] + vonMisesCdf64(-0.3, kappa)[0]).toBeCloseTo(1, 14);
    }
  });

  it('has the closed-form density as its derivative (central differences)', () => {
    const h = 1e-5;
    for (const kappa of [1e-3, 1, 7, 40]) {
      for (const x of [-2.5, -1, 0.2, 1.7]) {
        const slope = (vonMisesCdf64(x + h, kappa)[0] - vonMisesCdf64(x - h, kappa)[0]) / (2 * h);
        expect(Math.abs(slope - density(x, kappa))).toBeLessThan(1e-8 * Math.max(1, density(x, kappa)));
      }
    }
  });

  it('has ∂F/∂κ equal to central differences in κ', () => {
    for (const kappa of [0.01, 2, 30, 500]) {
      for (const x of [-2, -0.1, 0.4]) {
        const h = 1e-4 * kappa;
        const slope = (vonMisesCdf64(x, kappa + h)[0] - vonMisesCdf64(x, kappa - h)[0]) / (2 * h);
        expect(Math.abs(vonMisesCdf64(x, kappa)[1] - slope)).toBeLessThan(1e-7 * Math.max(Math.abs(slope), 1e-6));
      }
    }
  });

  it('has a density that matches the closed form', () => {
    expect(vonMisesDensity64(0.7, 3)).toBeCloseTo(density(0.7, 3), 14);
  });
});

describe('invertIncreasing', () => {
  it('inverts exp to full precision, widening a bracket that misses the root', () => {
    expect(invertIncreasing(Math.exp, 2, 5, 6)).toBeCloseTo(Math.LN2, 15);
    expect(invertIncreasing(Math.exp, 1e6, 0, 1)).toBeCloseTo(Math.log(1e6), 13);
  });

  it('throws naming the function when no bracket exists', () => {
    expect(() => invertIncreasing(() => 0, 1, 0, 1)).toThrow('invertIncreasing: no upper bracket for u = 1');
  });
});
