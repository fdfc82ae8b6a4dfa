import { erf, erfcx } from './error-function.js';
import { SQRT_PI } from './math.js';

const MAX_ITERATIONS = 8;
const TOLERANCE = 1e-15;

/**
 * The w with erf(w) = y, for |y| ≤ ½, by Halley's method on erf(w) − y from the Taylor start
 * (√π/2)(y + πy³/12) (DLMF 7.17.2); relatively accurate near 0. Converges in 2–3 steps.
 */
export function erfinvCentral(y: number): number {
  let w = (SQRT_PI / 2) * y * (1 + (Math.PI * y * y) / 12);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const f = erf(w) - y;
    const slope = (2 / SQRT_PI) * Math.exp(-w * w);
    // Halley: f'' = −2w f', so the step is f/(f' − f f''/(2f')) = f/(f' + w f).
    const step = f / (slope + w * f);
    w -= step;
    if (Math.abs(step) <= TOLERANCE * Math.abs(w)) break;
  }
  return w;
}

/**
 * The w ≥ 0 with erfc(w) = c, for 0 < c ≤ ½, by Newton's method on g(w) = log erfc(w) − log c (nearly
 * linear in w², so it converges from the asymptotic start w² ≈ L − ½ log(πL), L = −log c, in 2–4 steps);
 * relatively accurate down to the smallest float64 c, since log erfc is computed without underflow.
 */
export function erfcinvTail(c: number): number {
  const logC = Math.log(c);
  const l = -logC;
  let w = Math.sqrt(Math.max(l - 0.5 * Math.log(Math.PI * l), 0.2));
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    // log erfc(w) = log erfcx(w) − w² does not underflow; g'(w) = −(2/√π)/erfcx(w).
    const scaled = erfcx(w);
    const g = Math.log(scaled) - w * w - logC;
    const step = (g * SQRT_PI * scaled) / 2;
    w += step;
    if (Math.abs(step) <= TOLERANCE * w) break;
  }
  return w;
}
