import { SQRT_PI } from './math.js';

/** Below this |x|, erf by its power series; above, erfc by its continued fraction. */
const SERIES_MAX = 2;
const MAX_ITERATIONS = 500;
const TOLERANCE = 1e-17;
/** Convergence test of the continued fraction: its factor within 2 ulps of 1. */
const CF_TOLERANCE = 2 * Number.EPSILON;

/**
 * erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt for |x| < 2 from the series of positive terms
 * erf(x) = (2x/√π) e^(−x²) Σ (2x²)ⁿ/(1·3·…·(2n + 1)) (DLMF 7.6.2): relatively accurate, also near 0.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITERATIONS && term > TOLERANCE * sum; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
  }
  return ((2 * x) / SQRT_PI) * Math.exp(-x2) * sum;
}

/**
 * e^(x²) erfc(x) for x ≥ 2 from the continued fraction erfc(x) = (e^(−x²)/√π) / (x + ½/(x + 1/(x + (3/2)/(x + …))))
 * (DLMF 7.9.2), by the modified Lentz method.
 */
function erfcxContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = n / 2;
    d = x + an * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= CF_TOLERANCE) break;
  }
  return 1 / (SQRT_PI * f);
}

/** erf(x) in float64, relatively accurate (about 1e-15) for all x. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) < SERIES_MAX) return erfSeries(x);
  return Math.sign(x) * (1 - erfcPositiveTail(Math.abs(x)));
}

/**
 * erfc(x) = 1 − erf(x) in float64, relatively accurate for all x down to its underflow near x = 27 (about
 * 1e-14 on [½, 2], where it is 1 − erf; 1e-15 elsewhere).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= -SERIES_MAX) return 2 - erfcPositiveTail(-x);
  if (x < SERIES_MAX) return 1 - erfSeries(x);
  return erfcPositiveTail(x);
}

/** e^(x²) erfc(x) for x ≥ 0 (the scaled complementary error function). */
export function erfcx(x: number): number {
  return x < SERIES_MAX ? Math.exp(x * x) * (1 - erfSeries(x)) : erfcxContinuedFraction(x);
}

function erfcPositiveTail(x: number): number {
  return Math.exp(-x * x) * erfcxContinuedFraction(x);
}
