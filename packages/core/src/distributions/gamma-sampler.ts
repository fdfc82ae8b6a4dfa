import { type Seed, splitSeed } from '../random/seed.js';
import { uniformStream } from '../random/uniform-stream.js';

/** A standard normal from two uniforms (Box–Muller, the cosine branch). */
function standardNormal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Gamma(a, 1) for a ≥ 1 by Marsaglia and Tsang's squeeze–rejection method: d = a − 1/3, c = 1/√(9d);
 * x ~ N(0, 1), v = (1 + cx)³; accept d·v when u < 1 − 0.0331x⁴ or log u < x²/2 + d(1 − v + log v).
 * Acceptance rate ≥ 0.95 for a ≥ 1. Marsaglia, Tsang, "A simple method for generating gamma variables", 2000.
 */
function marsagliaTsang(a: number, uniform: () => number): number {
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(uniform);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

const GAMMA_DOMAIN = 0x9a77a;

/**
 * Gamma(concentration_i, rate_i) draws for each pair of `concentrations` and `rates` (host, float64
 * arithmetic, rounded once to float32), reproducible from the seed: element i uses its own uniform stream,
 * so results do not depend on the order or on other elements. For a < 1 the draw is boosted:
 * Gamma(a + 1)·U^(1/a). Draws below the smallest float32, 1.4e-45, round to 0: for a ≪ 1 that is common
 * (36% of Gamma(0.01) draws).
 */
export function sampleGamma(concentrations: ArrayLike<number>, rates: ArrayLike<number>, seed: Seed): Float32Array {
  const [streamSeed] = splitSeed(seed, 1) as [Seed];
  const out = new Float32Array(concentrations.length);
  for (let i = 0; i < concentrations.length; i++) {
    const a = concentrations[i]!;
    const uniform = uniformStream(streamSeed, GAMMA_DOMAIN, i);
    const standard = a >= 1 ? marsagliaTsang(a, uniform) : marsagliaTsang(a + 1, uniform) * uniform() ** (1 / a);
    out[i] = standard / rates[i]!;
  }
  return out;
}
