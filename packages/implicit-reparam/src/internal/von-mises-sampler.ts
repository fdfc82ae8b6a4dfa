import { type Seed, threefry2x32 } from '@proj/core';

/** Key word of this sampler's uniform streams (distinct from other samplers keyed by the same seed). */
const VON_MISES_DOMAIN = 0x0f15_4e55;
/** Below this concentration s = 1/κ (the exact formula cancels catastrophically). */
const SMALL_KAPPA = 1e-4;
/** Above this concentration (or after this many rejections) the draw is normal, N(0, 1/κ) (error O(1/κ)). */
const LARGE_KAPPA = 1e6;
const MAX_TRIES = 1000;
const TWO_TO_32 = 2 ** 32;

/** A uniform in (0, 1) from a 32-bit word. */
const unit = (word: number): number => (word + 0.5) / TWO_TO_32;

/** Best and Fisher's s = (1 + ρ²)/(2ρ), ρ = (r − √(2r))/(2κ), r = 1 + √(1 + 4κ²); 1/κ for tiny κ. */
function bestFisherS(kappa: number): number {
  if (kappa < SMALL_KAPPA) return 1 / kappa;
  const r = 1 + Math.sqrt(1 + 4 * kappa * kappa);
  const rho = (r - Math.sqrt(2 * r)) / (2 * kappa);
  return (1 + rho * rho) / (2 * rho);
}

/** One N(0, 1/κ) draw by Box–Muller from two uniform words. */
function normalDraw(kappa: number, w0: number, w1: number): number {
  const x = Math.sqrt(-2 * Math.log(unit(w0))) * Math.cos(2 * Math.PI * unit(w1));
  return Math.max(-Math.PI, Math.min(Math.PI, x / Math.sqrt(kappa)));
}

/**
 * `count` von Mises(0, κᵢ) draws in [−π, π] (draw i uses `kappas[i mod kappas.length]`) on the host by Best and
 * Fisher's rejection sampler (1979): u ~ U(−1, 1), w = (1 + s·cos πu)/(s + cos πu), y = κ(s − w), v ~ U(0, 1);
 * accept sign(u)·arccos(w) when y(2 − y) ≥ v or log(y/v) + 1 ≥ y (1 to 1.52 tries on average). Draw i reads its
 * own Threefry stream (counter (i, try)), so draws do not depend on order or on other elements. κ above 1e6
 * gives N(0, 1/κ) draws (the sampler's arithmetic fails there); κ that is not positive and finite gives NaN.
 * Rounded once to float32. O(count).
 *
 * @see Best, Fisher, "Efficient simulation of the von Mises distribution", Applied Statistics 28(2), 1979.
 */
export function sampleVonMises(kappas: ArrayLike<number>, count: number, seed: Seed): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const kappa = kappas[i % kappas.length]!;
    if (!(kappa > 0 && Number.isFinite(kappa))) {
      out[i] = Number.NaN;
      continue;
    }
    const s = bestFisherS(kappa);
    let draw = Number.NaN;
    for (let attempt = 0; Number.isNaN(draw); attempt++) {
      const [w0, w1] = threefry2x32(seed, VON_MISES_DOMAIN, i, attempt);
      if (kappa > LARGE_KAPPA || attempt >= MAX_TRIES) {
        draw = normalDraw(kappa, w0, w1);
        break;
      }
      const u = 2 * unit(w0) - 1;
      const v = unit(w1);
      const cosine = Math.cos(Math.PI * u);
      const w = (1 + s * cosine) / (s + cosine);
      const y = kappa * (s - w);
      if (y * (2 - y) >= v || Math.log(y / v) + 1 >= y) draw = Math.sign(u) * Math.acos(Math.max(-1, Math.min(1, w)));
    }
    out[i] = draw;
  }
  return out;
}
