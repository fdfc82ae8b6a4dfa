import { describe, expect, it } from 'vitest';
import { gammaGradient64 } from '../src/gamma-gradient64.js';

describe('gammaGradient64', () => {
  it('is dz/dα = −(∂P/∂α)/p, with ∂P/∂α at α = 1 by quadrature', () => {
    // Differentiating γ(α, z)/Γ(α) at α = 1 (ψ(1) = −γ_E): ∂P/∂α = ∫₀^z log t e^(−t) dt + γ_E(1 − e^(−z)), and
    // ∫₀^z log t e^(−t) dt = z log z − z + ∫₀^z log t (e^(−t) − 1) dt, the last by a fine midpoint rule.
    for (const z of [0.1, 0.7, 2.5]) {
      const n = 200000;
      let integral = 0;
      for (let i = 0; i < n; i++) {
        const t = ((i + 0.5) / n) * z;
        integral += Math.log(t) * Math.expm1(-t);
      }
      integral = (integral * z) / n + z * Math.log(z) - z;
      const dP = integral + 0.5772156649015329 * (1 - Math.exp(-z));
      expect(gammaGradient64(1, z)).toBeCloseTo(-dP / Math.exp(-z), 8);
    }
  });

  it('agrees with the mpmath fixture at a few points', () => {
    // From fixtures/reference.json (scripts/reference.py, mpmath 50 digits).
    const cases: [number, number, number][] = [
      [1, 0.6931471824645996, 0.9680448318845194],
      [100, 99.66686248779297, 0.9999979980443496],
      [0.0010000000474974513, 2.4259439669549465e-5, 0.24384133548730427],
    ];
    for (const [alpha, z, reference] of cases) {
      expect(Math.abs(gammaGradient64(alpha, z) - reference) / reference).toBeLessThan(1e-12);
    }
  });
});
