import { erfc } from './error-function.js';
import { lgamma1p, STIRLING_MIN, stirlingCorrection } from './log-gamma.js';
import { LOG_SQRT_2PI, log1pmx } from './math.js';

/** The regularized incomplete gamma functions P(a, x) (lower) and Q(a, x) = 1 − P (upper). */
export interface GammaTails {
  readonly p: number;
  readonly q: number;
}

/** How P and Q are computed at (a, x); chosen once, so finite differences in a stay on one method. */
type Method = 'series' | 'continuedFraction' | 'temme';

/** Temme's uniform expansion is used for a ≥ 100 with |x/a − 1| ≤ 0.3 (4 terms: error about 3e-4/a⁴). */
const TEMME_MIN_A = 100;
const TEMME_MAX_DEVIATION = 0.3;
const MAX_ITERATIONS = 10_000;
const EPSILON = 1e-17;
/** Convergence test of the continued fraction: its factor within 2 ulps of 1. */
const CF_TOLERANCE = 2 * Number.EPSILON;

/**
 * Taylor coefficients in η of Temme's c₀(η) … c₃(η) (DLMF 8.12.8–8.12.10), exact rationals rounded to
 * float64, printed by `python3 tools/fixtures/special_functions.py --temme-coefficients`. With |η| ≤ 0.34
 * (|x/a − 1| ≤ 0.3) 16 terms leave an error below 1e-17.
 */
const TEMME = [
  [
    -0.3333333333333333, 0.08333333333333333, -0.014814814814814815, 0.0011574074074074073, 0.0003527336860670194,
    -0.0001787551440329218, 3.919263178522438e-5, -2.185448510679992e-6, -1.85406221071516e-6, 8.296711340953087e-7,
    -1.7665952736826078e-7, 6.707853543401498e-9, 1.0261809784240309e-8, -4.382036018453353e-9, 9.14769958223679e-10,
    -2.5514193994946248e-11,
  ],
  [
    -0.001851851851851852, -0.003472222222222222, 0.0026455026455026454, -0.0009902263374485596, 0.00020576131687242798,
    -4.018775720164609e-7, -1.8098550334489977e-5, 7.64916091608111e-6, -1.6120900894563446e-6, 4.647127802807434e-9,
    1.378633446915721e-7, -5.752545603517705e-8, 1.1951628599778148e-8, -1.7543241719747647e-11, -1.0091543710600413e-9,
    4.162792991842583e-10,
  ],
  [
    0.004133597883597883, -0.0026813271604938273, 0.0007716049382716049, 2.0093878600823047e-6, -0.0001073665322636516,
    5.2923448829120125e-5, -1.2760635188618728e-5, 3.423578734096138e-8, 1.3721957309062934e-6, -6.298992138380055e-7,
    1.4280614206064242e-7, -2.0477098421990866e-10, -1.409252991086752e-8, 6.228974084922022e-9, -1.3670488396617114e-9,
    9.428356159014678e-13,
  ],
  [
    0.0006494341563786008, 0.00022947209362139917, -0.0004691894943952557, 0.00026772063206283885,
    -7.561801671883977e-5, -2.396505113867297e-7, 1.1082654115347302e-5, -5.6749528269915965e-6, 1.4230900732435883e-6,
    -2.7861080291528143e-11, -1.6958404091930278e-7, 8.099464905388083e-8, -1.9111168485973655e-8,
    2.3928620439808118e-12, 2.0620131815488797e-9, -9.460496661855133e-10,
  ],
] as const;

/**
 * P(a, x) and Q(a, x), each relatively accurate (the smaller one is always computed directly, never as
 * 1 − the other). a > 0 and x > 0 finite; the public functions handle the rest.
 *
 * - Temme's uniform asymptotic expansion for a ≥ 100 and |x − a| ≤ 0.3a (DLMF 8.12.3, 8.12.8);
 * - else for x ≤ a + 1 the power series of P (DLMF 8.11.4 form, positive terms), with Q = 1 − P for a ≥ 1
 *   (Q ≥ 0.13 there) and, for a < 1, Q from the series of γ(a, x) written around Q (DLMF 8.7.1, the form
 *   Boost and Cephes use for small a);
 * - else the continued fraction of Q (DLMF 8.9.2), evaluated by the modified Lentz method.
 *
 * Cost: O(√a) terms at most for a < 100 near x = a, O(1/|log(x/a)|) far from it, 4 × 16 terms for Temme.
 */
export function regularizedGamma(a: number, x: number): GammaTails {
  return gammaTails(a, x, chooseMethod(a, x));
}

/** ∂P/∂x = x^(a−1) e^(−x)/Γ(a) (= −∂Q/∂x), computed in log space; NaN outside a > 0, x ≥ 0. */
export function gammaDensity(a: number, x: number): number {
  if (!(a > 0 && x >= 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY || a === Number.POSITIVE_INFINITY) return 0;
  if (x === 0) return a < 1 ? Number.POSITIVE_INFINITY : a === 1 ? 1 : 0;
  return Math.exp(logPowerOverGamma(a, x)) / x;
}

/**
 * ∂P/∂a (= −∂Q/∂a) by a fourth-order central difference, in float64, of the log of the smaller of P and Q,
 * with step 1e-3·min(a, √a) (the scale on which it varies) and the method held fixed across the stencil.
 * Relative error about 1e-9 in the fixtures' ranges. NaN outside a > 0, x ≥ 0; 0 where P is constant
 * (x = 0, x = +Infinity, a = +Infinity).
 */
export function gammaPartialA(a: number, x: number): number {
  if (!(a > 0 && x >= 0)) return Number.NaN;
  if (x === 0 || x === Number.POSITIVE_INFINITY || a === Number.POSITIVE_INFINITY) return 0;
  const method = chooseMethod(a, x);
  const center = gammaTails(a, x, method);
  const lower = center.p <= center.q;
  const tail = lower ? center.p : center.q;
  if (tail === 0) return 0;
  const h = 1e-3 * Math.min(a, Math.sqrt(a));
  const logTail = (s: number) => {
    const tails = gammaTails(s, x, method);
    return Math.log(lower ? tails.p : tails.q);
  };
  const slope = (8 * (logTail(a + h) - logTail(a - h)) - (logTail(a + 2 * h) - logTail(a - 2 * h))) / (12 * h);
  return lower ? tail * slope : -tail * slope;
}

function chooseMethod(a: number, x: number): Method {
  if (a >= TEMME_MIN_A && Math.abs(x - a) <= TEMME_MAX_DEVIATION * a) return 'temme';
  return x <= a + 1 ? 'series' : 'continuedFraction';
}

function gammaTails(a: number, x: number, method: Method): GammaTails {
  if (method === 'temme') return temme(a, x);
  if (method === 'series') {
    const p = Math.exp(logPowerOverGamma(a, x) - Math.log(a)) * lowerSeries(a, x);
    return { p, q: a < 1 ? upperSmallA(a, x) : 1 - p };
  }
  const q = Math.exp(logPowerOverGamma(a, x)) * upperContinuedFraction(a, x);
  return { p: 1 - q, q };
}

/**
 * log(x^a e^(−x)/Γ(a)). For a ≥ 10 through Stirling's series written around x = a:
 * a·(log1p(t) − t) − ½ log(2π/a) − (Stirling remainder of a), t = (x − a)/a, free of the cancellation of
 * a·log x − x − log Γ(a) at large a.
 */
function logPowerOverGamma(a: number, x: number): number {
  if (a < STIRLING_MIN) return a * Math.log(x) - x - lgamma1p(a) + Math.log(a);
  const t = (x - a) / a;
  const main = Math.abs(t) < 0.5 ? a * log1pmx(t) : a * Math.log(x / a) - (x - a);
  return main + 0.5 * Math.log(a) - LOG_SQRT_2PI - stirlingCorrection(a);
}

/** Σₙ≥₀ xⁿ/((a + 1)…(a + n)), so that P = x^a e^(−x)/Γ(a + 1) times it. */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITERATIONS && term > EPSILON * sum; n++) {
    term *= x / (a + n);
    sum += term;
  }
  return sum;
}

/**
 * Q(a, x) for a < 1 and x < 2: Q = −expm1(u) − e^u·a·S with u = a log x − log Γ(1 + a) and
 * S = Σₙ≥₁ (−x)ⁿ/(n!(a + n)), from γ(a, x) = x^a Σ (−x)ⁿ/(n!(a + n)). Relatively accurate as a → 0, where
 * Q ≈ a·E₁(x).
 */
function upperSmallA(a: number, x: number): number {
  const e = Math.expm1(a * Math.log(x) - lgamma1p(a));
  let power = 1;
  let sum = 0;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    power *= -x / n;
    const term = power / (a + n);
    sum += term;
    if (Math.abs(term) <= EPSILON * Math.abs(sum)) break;
  }
  return -e - (1 + e) * a * sum;
}

/**
 * The continued fraction Γ(a, x) = x^a e^(−x) / (x + 1 − a − 1(1 − a)/(x + 3 − a − 2(2 − a)/(x + 5 − a − …)))
 * divided by x^a e^(−x): the factor that turns x^a e^(−x)/Γ(a) into Q. Modified Lentz method.
 */
function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let f = d;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= CF_TOLERANCE) break;
  }
  return f;
}

/**
 * Temme's expansion Q = ½ erfc(η√(a/2)) + R, P = ½ erfc(−η√(a/2)) − R with
 * R = e^(−aη²/2)/√(2πa) · Σₖ cₖ(η)/aᵏ, η = sign(λ − 1)·√(2(λ − 1 − log λ)), λ = x/a (DLMF 8.12.3–8.12.8).
 */
function temme(a: number, x: number): GammaTails {
  const t = (x - a) / a;
  const logExponent = log1pmx(t);
  const eta = Math.sign(t) * Math.sqrt(-2 * logExponent);
  let series = 0;
  for (let k = TEMME.length - 1; k >= 0; k--) series = series / a + polynomial(TEMME[k]!, eta);
  const r = (Math.exp(a * logExponent) / Math.sqrt(2 * Math.PI * a)) * series;
  const z = eta * Math.sqrt(a / 2);
  return { p: 0.5 * erfc(-z) - r, q: 0.5 * erfc(z) + r };
}

function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + coefficients[i]!;
  return sum;
}
