import { type Seed, splitSeed } from '../random/seed.js';
import { uniformStream } from '../random/uniform-stream.js';
import { lgammaScalar } from '../special/index.js';

/** Inversion by sequential search: exact, about λ + 1 steps; used for λ < 10. */
function poissonInversion(rate: number, uniform: () => number): number {
  const u = uniform();
  let k = 0;
  let term = Math.exp(-rate);
  let cumulative = term;
  while (u > cumulative && term > 0) {
    k += 1;
    term *= rate / k;
    cumulative += term;
  }
  return k;
}

/**
 * Transformed rejection with squeeze (PTRS) for λ ≥ 10: about 1.1 pairs of uniforms per sample.
 * Hörmann, "The transformed rejection method for generating Poisson random variables", 1993.
 */
function poissonTransformedRejection(rate: number, uniform: () => number): number {
  const sqrtRate = Math.sqrt(rate);
  const logRate = Math.log(rate);
  const b = 0.931 + 2.53 * sqrtRate;
  const a = -0.059 + 0.02483 * b;
  const logInverseAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const squeeze = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= squeeze) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <= -rate + k * logRate - lgammaScalar(k + 1)) {
      return k;
    }
  }
}

const POISSON_DOMAIN = 0x9015;

/**
 * Poisson counts for each rate in `rates` (host, float64 arithmetic), reproducible from the seed: element i
 * uses its own uniform stream, so results do not depend on the order or on other elements. Rates the
 * constructor rejects (reachable with `validateArgs: false`) never loop: NaN or negative rates give NaN, +∞
 * gives +∞, 0 gives 0.
 */
export function samplePoisson(rates: ArrayLike<number>, seed: Seed): Float32Array {
  const [streamSeed] = splitSeed(seed, 1) as [Seed];
  const out = new Float32Array(rates.length);
  for (let i = 0; i < rates.length; i++) {
    const rate = rates[i]!;
    if (!(rate >= 0 && rate < Number.POSITIVE_INFINITY)) {
      out[i] = rate === Number.POSITIVE_INFINITY ? rate : Number.NaN;
      continue;
    }
    const uniform = uniformStream(streamSeed, POISSON_DOMAIN, i);
    out[i] = rate < 10 ? poissonInversion(rate, uniform) : poissonTransformedRejection(rate, uniform);
  }
  return out;
}
