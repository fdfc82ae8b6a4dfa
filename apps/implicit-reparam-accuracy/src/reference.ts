import { readFileSync } from 'node:fs';

/** A reference point: parameter θ (a for Beta), the point (z, or (g1, g0) for Beta) and dz/dθ to ~15 digits. */
export interface ReferencePoint {
  readonly theta: number;
  /** Beta only: the second concentration b (it enters through g0 only). */
  readonly other?: number;
  readonly z: number;
  /** Beta only: G₀, the Gamma(b) variate of x = G₁/(G₁ + G₀) (z is G₁). */
  readonly g0?: number;
  readonly reference: number;
}

/** The distributions of the experiment. */
export type DistributionName = 'gamma' | 'beta' | 'vonMises';

/** The parameter each distribution's gradient is taken in. */
export const PARAMETER: Readonly<Record<DistributionName, string>> = { gamma: 'α', beta: 'a', vonMises: 'κ' };

type Raw = {
  gamma: { alpha: number; z: number; grad: number }[];
  beta: { a: number; b: number; g1: number; g0: number; grad: number }[];
  vonMises: { kappa: number; z: number; grad: number }[];
};

/**
 * The committed fixture `fixtures/reference.json` (written by `scripts/reference.py` with mpmath, 40-50 digits),
 * as reference points per distribution. O(points).
 */
export function loadReference(): Record<DistributionName, ReferencePoint[]> {
  const raw = JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8')) as Raw;
  return {
    gamma: raw.gamma.map((p) => ({ theta: p.alpha, z: p.z, reference: p.grad })),
    beta: raw.beta.map((p) => ({ theta: p.a, other: p.b, z: p.g1, g0: p.g0, reference: p.grad })),
    vonMises: raw.vonMises.map((p) => ({ theta: p.kappa, z: p.z, reference: p.grad })),
  };
}

/** The distinct θ values of `points`, ascending. */
export function gridOf(points: readonly ReferencePoint[]): number[] {
  return [...new Set(points.map((p) => p.theta))].sort((a, b) => a - b);
}

/**
 * The grid values a config asks for: all of them, or each listed value matched to the grid value within 1e-6
 * relative (the fixture holds float32-rounded values).
 *
 * @throws Error naming the distribution and the value when a listed value is not on the fixture's grid.
 */
export function selectGrid(
  name: DistributionName,
  grid: readonly number[],
  wanted: 'all' | readonly number[],
): number[] {
  if (wanted === 'all') return [...grid];
  return wanted.map((value) => {
    const match = grid.find((g) => Math.abs(g - value) <= 1e-6 * value);
    if (match === undefined) {
      throw new Error(
        `implicit-reparam-accuracy config: '${name}' value ${value} is not on the reference grid (${grid.map((g) => Number(g.toPrecision(4))).join(', ')})`,
      );
    }
    return match;
  });
}
