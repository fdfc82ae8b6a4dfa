import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pytorchGammaGradient } from '../src/pytorch-piecewise.js';

type Fixture = { torch: string; points: { alpha: number; z: number; grad: number }[] };
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/pytorch-piecewise.json', import.meta.url), 'utf8'),
) as Fixture;

describe('pytorchGammaGradient (port of PyTorch standard_gamma_grad_one)', () => {
  it('equals torch._standard_gamma_grad in float64 at every Gamma point of the reference fixture', () => {
    expect(fixture.points.length).toBeGreaterThan(100);
    for (const { alpha, z, grad } of fixture.points) {
      // Same formulas in the same precision: only libm differences (pow, log, digamma) remain.
      expect(Math.abs(pytorchGammaGradient(alpha, z) - grad), `α=${alpha}, z=${z}`).toBeLessThanOrEqual(
        1e-12 * Math.abs(grad),
      );
    }
  });

  it('covers all three branches: Taylor series (z < 0.8), saddle point (α > 8), rational approximation', () => {
    const branch = ({ alpha, z }: { alpha: number; z: number }) =>
      z < 0.8 ? 'taylor' : alpha > 8 ? 'rice' : 'rational';
    expect(new Set(fixture.points.map(branch))).toEqual(new Set(['taylor', 'rice', 'rational']));
    // Inside the saddle-point band 0.9α ≤ z ≤ 1.1α the polynomial branch is taken: hit it too.
    expect(fixture.points.some((p) => p.alpha > 8 && p.z >= 0.9 * p.alpha && p.z <= 1.1 * p.alpha)).toBe(true);
  });
});
