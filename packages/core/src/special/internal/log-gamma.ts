import { BERNOULLI_EVEN, EULER_GAMMA, LOG_SQRT_2PI } from './math.js';
import { hurwitzZeta } from './zeta.js';

/** Arguments from which the Stirling series (8 terms) is used: its truncation error is below 2e-18 there. */
export const STIRLING_MIN = 10;

/** Number of terms of the series of log Γ(2 + t) for |t| ≤ ½; the last is below 4⁻²⁸ relative. */
const NEAR_TWO_TERMS = 28;

/** ζ(k) − 1 = ζ(k, 2) for k = 0 … NEAR_TWO_TERMS + 1 (entries 0 and 1 unused). */
const ZETA_MINUS_ONE = Array.from({ length: NEAR_TWO_TERMS + 2 }, (_, k) => (k < 2 ? 0 : hurwitzZeta(k, 2)));

/** Coefficients B₂ₖ/(2k(2k − 1)) of the Stirling series, k = 1 … 8. */
const STIRLING = BERNOULLI_EVEN.slice(0, 8).map((b, i) => b / ((2 * i + 2) * (2 * i + 1)));

/**
 * log Γ(2 + t) for |t| ≤ ½ from its Taylor series at 2 (DLMF 5.7.3 combined with log Γ(2 + t) =
 * log Γ(1 + t) + log(1 + t)): (1 − γ)t + Σₖ₌₂ (−1)ᵏ (ζ(k) − 1) tᵏ/k. Relatively accurate at the zero t = 0.
 */
function lgammaNearTwo(t: number): number {
  let sum = 0;
  for (let k = NEAR_TWO_TERMS + 1; k >= 2; k--) sum = sum * -t + ZETA_MINUS_ONE[k]! / k;
  return t * (1 - EULER_GAMMA + t * sum);
}

/** Stirling remainder log Γ(x) − [(x − ½) log x − x + log √(2π)] for x ≥ STIRLING_MIN (DLMF 5.11.1). */
export function stirlingCorrection(x: number): number {
  const z = 1 / (x * x);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * z + STIRLING[k]!;
  return sum / x;
}

/**
 * log Γ(x) for x > 0, relatively accurate everywhere including the zeros x = 1 and x = 2: below 2.5 the
 * series at 2 with log(x) and log1p shifts of exact arguments, up to STIRLING_MIN downward recurrence
 * (all terms positive), beyond the Stirling series.
 */
export function lgammaPositive(x: number): number {
  if (x < 0.5) return lgammaNearTwo(x) - Math.log(x) - Math.log1p(x);
  if (x < 1.5) return lgammaNearTwo(x - 1) - Math.log1p(x - 1);
  if (x < 2.5) return lgammaNearTwo(x - 2);
  if (x < STIRLING_MIN) {
    let product = 1;
    let y = x;
    while (y >= 2.5) {
      y -= 1;
      product *= y;
    }
    return lgammaNearTwo(y - 2) + Math.log(product);
  }
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingCorrection(x);
}

/** log Γ(1 + a) for a > −½, relatively accurate for tiny a (where Γ(1 + a) − 1 ≈ −γa). */
export function lgamma1p(a: number): number {
  if (a < 0.5) return lgammaNearTwo(a) - Math.log1p(a);
  if (a < 1.5) return lgammaNearTwo(a - 1);
  return lgammaPositive(a + 1);
}
