import { type Seed, threefry2x32 } from '@proj/core';
import { ndtriScalar } from '@proj/core/special';
import { normalCdf } from './normal-cdf.js';

/** Key word of this sampler's uniform streams. */
const TRUNCATED_NORMAL_DOMAIN = 0x7e0c_a7ed;

/** Truncated normal draws with the partial derivatives of each draw in its four parameters. */
export interface TruncatedNormalDraws {
  readonly values: Float32Array;
  readonly dLoc: Float32Array;
  readonly dScale: Float32Array;
  readonly dLow: Float32Array;
  readonly dHigh: Float32Array;
}

/**
 * `count` draws of N(μ, σ²) truncated to [low, high] (draw i uses element i mod length of each parameter array) by the
 * inverse CDF in float64, with their implicit reparameterization partials: for a = (low − μ)/σ, b = (high − μ)/σ,
 * ε = Φ⁻¹(Φ(a) + u(Φ(b) − Φ(a))) (computed in the lower tail by symmetry when a > 0), x = μ + σε,
 * ∂x/∂low = (1 − u)·exp((ε² − a²)/2), ∂x/∂high = u·exp((ε² − b²)/2), ∂x/∂μ = 1 − ∂x/∂low − ∂x/∂high and
 * ∂x/∂σ = ε − a·∂x/∂low − b·∂x/∂high (an infinite bound has partial 0). Draw i uses its own Threefry word, so draws
 * do not depend on order. NaN parameters give NaN. O(count).
 */
export function sampleTruncatedNormal(
  loc: ArrayLike<number>,
  scale: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  count: number,
  seed: Seed,
): TruncatedNormalDraws {
  const draws = {
    values: new Float32Array(count),
    dLoc: new Float32Array(count),
    dScale: new Float32Array(count),
    dLow: new Float32Array(count),
    dHigh: new Float32Array(count),
  };
  const at = (values: ArrayLike<number>, i: number) => values[i % values.length]!;
  for (let i = 0; i < count; i++) {
    const [mu, sigma] = [at(loc, i), at(scale, i)];
    const a = (at(low, i) - mu) / sigma;
    const b = (at(high, i) - mu) / sigma;
    const u = (threefry2x32(seed, TRUNCATED_NORMAL_DOMAIN, i, 0)[0] + 0.5) / 2 ** 32;
    const raw =
      a > 0
        ? -ndtriScalar(normalCdf(-b) + (1 - u) * (normalCdf(-a) - normalCdf(-b)))
        : ndtriScalar(normalCdf(a) + u * (normalCdf(b) - normalCdf(a)));
    const epsilon = Math.min(Math.max(raw, a), b);
    const dLow = Number.isFinite(a) ? (1 - u) * Math.exp(0.5 * (epsilon * epsilon - a * a)) : 0;
    const dHigh = Number.isFinite(b) ? u * Math.exp(0.5 * (epsilon * epsilon - b * b)) : 0;
    draws.values[i] = mu + sigma * epsilon;
    draws.dLow[i] = dLow;
    draws.dHigh[i] = dHigh;
    draws.dLoc[i] = 1 - dLow - dHigh;
    draws.dScale[i] = epsilon - (dLow === 0 ? 0 : a * dLow) - (dHigh === 0 ? 0 : b * dHigh);
  }
  return draws;
}
