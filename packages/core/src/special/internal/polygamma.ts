import { BERNOULLI_EVEN } from './math.js';
import { hurwitzZeta } from './zeta.js';

/** Arguments from which the asymptotic series (8 terms) are used: truncation below 1e-17 relative there. */
const ASYMPTOTIC_MIN = 10;
const TERMS = 8;

/** The positive zero of ψ, x₀ = 1.46163214496836234126…, as X0_HI + X0_LO (106 bits). */
const X0_HI = 1.4616321449683622;
const X0_LO = 9.549995429965697e-17;
/** Half-width of the interval around x₀ where ψ is summed from its Taylor series there. */
const ROOT_RADIUS = 0.2;
/** Taylor coefficients ψ⁽ᵏ⁾(x₀)/k! = (−1)ᵏ⁺¹ ζ(k + 1, x₀), k = 1 … 20 (DLMF 25.11.12); ratio ≤ 0.14. */
const ROOT_SERIES = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : -1) * hurwitzZeta(i + 2, X0_HI));

/**
 * ψ(x) for x > 0: the Taylor series at its zero x₀ for |x − x₀| ≤ 0.2 (relatively accurate there, the
 * difference x − x₀ taken in double-double); else upward recurrence ψ(x) = ψ(x + 1) − 1/x to x ≥ 10, then
 * the asymptotic series log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (DLMF 5.11.2).
 */
export function digammaPositive(x: number): number {
  const delta = x - X0_HI - X0_LO;
  if (Math.abs(delta) <= ROOT_RADIUS) {
    let sum = 0;
    for (let k = ROOT_SERIES.length - 1; k >= 0; k--) sum = sum * delta + ROOT_SERIES[k]!;
    return sum * delta;
  }
  let shift = 0;
  let y = x;
  while (y < ASYMPTOTIC_MIN) {
    shift += 1 / y;
    y += 1;
  }
  const z = 1 / (y * y);
  let sum = 0;
  for (let k = TERMS; k >= 1; k--) sum = sum * z + BERNOULLI_EVEN[k - 1]! / (2 * k);
  return Math.log(y) - 0.5 / y - z * sum - shift;
}

/** ψ′(x) for x > 0: ψ′(x) = ψ′(x + 1) + 1/x², then 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹ (DLMF 5.15.8). */
export function trigammaPositive(x: number): number {
  let shift = 0;
  let y = x;
  while (y < ASYMPTOTIC_MIN) {
    shift += 1 / (y * y);
    y += 1;
  }
  const z = 1 / (y * y);
  let sum = 0;
  for (let k = TERMS; k >= 1; k--) sum = sum * z + BERNOULLI_EVEN[k - 1]!;
  return shift + 1 / y + 0.5 * z + (z * sum) / y;
}

/**
 * ψ″(x) for x > 0: ψ″(x) = ψ″(x + 1) − 2/x³, then −1/x² − 1/x³ − Σ (2k + 1) B₂ₖ/x²ᵏ⁺² (the derivative of
 * the series of ψ′).
 */
export function tetragammaPositive(x: number): number {
  let shift = 0;
  let y = x;
  while (y < ASYMPTOTIC_MIN) {
    shift += 2 / (y * y * y);
    y += 1;
  }
  const z = 1 / (y * y);
  let sum = 0;
  for (let k = TERMS; k >= 1; k--) sum = sum * z + (2 * k + 1) * BERNOULLI_EVEN[k - 1]!;
  return -shift - z - z / y - z * z * sum;
}

/**
 * ψ(a + b) − ψ(a) for a, b > 0 without the cancellation of the plain difference (for a ≫ b it is about
 * b/a while ψ(a) is about log a). The recurrence contributes b/(a(a + b)) per unit step of a (no
 * subtraction); from a ≥ 10 the asymptotic series gives log1p(b/a) + b/(2a(a + b)) −
 * Σ B₂ₖ/(2k) a⁻²ᵏ expm1(−2k log1p(b/a)).
 */
export function digammaDifference(a: number, b: number): number {
  let shift = 0;
  let y = a;
  while (y < ASYMPTOTIC_MIN) {
    shift += b / (y * (y + b));
    y += 1;
  }
  const l = Math.log1p(b / y);
  const z = 1 / (y * y);
  let power = 1;
  let series = 0;
  for (let k = 1; k <= TERMS; k++) {
    power *= z;
    series += (BERNOULLI_EVEN[k - 1]! / (2 * k)) * power * Math.expm1(-2 * k * l);
  }
  return shift + l + b / (2 * y * (y + b)) - series;
}
