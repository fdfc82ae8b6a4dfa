import { logBetaScalar } from '../scalar/log-beta-scalar.js';

/** The regularized incomplete beta function I_x(a, b) (lower) and 1 − I_x(a, b) (upper), each relatively accurate. */
export interface BetaTails {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Which tail the continued fraction computes directly at (a, b, x); chosen once, so finite differences in a
 * and b stay on one side of the symmetry.
 */
type Side = 'lower' | 'upper';

const MAX_ITERATIONS = 100_000;
/** Convergence test of the continued fraction: its factor within 2 ulps of 1. */
const CF_TOLERANCE = 2 * Number.EPSILON;
const TINY = 1e-300;

/**
 * I_x(a, b) and 1 − I_x(a, b) for a, b > 0 finite and 0 < x < 1; the public functions handle the rest.
 * The tail on x's side of the mean (the smaller one, up to the shift of the switch point) is computed
 * directly by the continued fraction (DLMF 8.17.22) and the other as 1 − it: for x ≤ (a + 1)/(a + b + 2)
 * the lower tail I_x(a, b), else the upper tail I_(1−x)(b, a) (DLMF 8.17.4), where the fraction converges fast.
 *
 * Cost: O(√max(a, b)) terms near the mean, fewer away from it.
 */
export function regularizedBeta(a: number, b: number, x: number): BetaTails {
  return betaTails(a, b, x, chooseSide(a, b, x));
}

/** ∂I/∂x = x^(a−1) (1 − x)^(b−1)/B(a, b), the Beta(a, b) density, in log space; NaN outside the domain. */
export function betaDensity(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (a === Number.POSITIVE_INFINITY || b === Number.POSITIVE_INFINITY) return 0;
  if (x === 0) return a < 1 ? Number.POSITIVE_INFINITY : a === 1 ? b : 0;
  if (x === 1) return b < 1 ? Number.POSITIVE_INFINITY : b === 1 ? a : 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBetaScalar(a, b));
}

/**
 * ∂I/∂a by a fourth-order central difference, in float64, of the log of the directly computed tail, with
 * step 1e-3·min(a, √a) and the side of the symmetry held fixed across the stencil (as `gammaPartialA`).
 * NaN outside the domain; 0 where I is constant (x = 0, x = 1, a or b infinite).
 */
export function betaPartialA(a: number, b: number, x: number): number {
  return partial(a, b, x, 'a');
}

/** ∂I/∂b, as {@link betaPartialA} with the step 1e-3·min(b, √b) in b. */
export function betaPartialB(a: number, b: number, x: number): number {
  return partial(a, b, x, 'b');
}

function partial(a: number, b: number, x: number, parameter: 'a' | 'b'): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0 || x === 1 || a === Number.POSITIVE_INFINITY || b === Number.POSITIVE_INFINITY) return 0;
  const side = chooseSide(a, b, x);
  const tail = betaTails(a, b, x, side)[side];
  if (tail === 0) return 0;
  const p = parameter === 'a' ? a : b;
  const h = 1e-3 * Math.min(p, Math.sqrt(p));
  const logTail = (s: number) =>
    Math.log(betaTails(parameter === 'a' ? s : a, parameter === 'b' ? s : b, x, side)[side]);
  const slope = (8 * (logTail(p + h) - logTail(p - h)) - (logTail(p + 2 * h) - logTail(p - 2 * h))) / (12 * h);
  return side === 'lower' ? tail * slope : -tail * slope;
}

function chooseSide(a: number, b: number, x: number): Side {
  return x <= (a + 1) / (a + b + 2) ? 'lower' : 'upper';
}

function betaTails(a: number, b: number, x: number, side: Side): BetaTails {
  if (side === 'lower') {
    const lower = lowerTail(a, b, x, 1 - x);
    return { lower, upper: 1 - lower };
  }
  const upper = lowerTail(b, a, 1 - x, x);
  return { lower: 1 - upper, upper };
}

/** I_x(a, b) = x^a (1 − x)^b/(a B(a, b)) · CF, with y = 1 − x passed exactly (no rounding of 1 − x). */
function lowerTail(a: number, b: number, x: number, y: number): number {
  const logFront = a * Math.log(x) + b * Math.log(y) - logBetaScalar(a, b) - Math.log(a);
  return Math.exp(logFront) * continuedFraction(a, b, x);
}

/**
 * The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of I_x(a, b)·a B(a, b)/(x^a (1 − x)^b), with
 * d₂ₘ₊₁ = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)) and d₂ₘ = m(b − m)x/((a + 2m − 1)(a + 2m))
 * (DLMF 8.17.22), evaluated by the modified Lentz method (Numerical Recipes §6.4).
 */
function continuedFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < TINY ? TINY : d);
  let f = d;
  for (let n = 2; n < MAX_ITERATIONS; n++) {
    const m = n >> 1;
    const coefficient =
      n % 2 === 0
        ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        : (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + coefficient * d;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    const delta = c * d;
    f *= delta;
    if (n % 2 === 1 && Math.abs(delta - 1) <= CF_TOLERANCE) break;
  }
  return f;
}
