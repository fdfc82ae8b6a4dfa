/** Up to this |x| the power series, beyond the asymptotic expansion (whose smallest term is about e^(−2x)). */
export const BESSEL_SERIES_MAX = 20;
const MAX_TERMS = 200;
const EPSILON = 1e-17;

/**
 * Σₖ≥ₛₜₐᵣₜ (x²/4)ᵏ/(k!(k + ν)!) for ν = 0 or 1: the power series of I₀(x) (start 0) and of I₁(x)/(x/2)
 * (DLMF 10.25.2), positive terms. Start 1 with ν = 0 gives I₀(x) − 1 without cancellation.
 */
export function besselSeries(nu: 0 | 1, x: number, start: 0 | 1 = 0): number {
  const q = (x * x) / 4;
  let term = start === 0 ? 1 : q / (1 + nu);
  let sum = term;
  for (let k = start + 1; k < MAX_TERMS && term > EPSILON * sum; k++) {
    term *= q / (k * (k + nu));
    sum += term;
  }
  return sum;
}

/**
 * e^(−x) I_ν(x) for x ≥ BESSEL_SERIES_MAX, ν = 0 or 1, from Hankel's expansion
 * I_ν(x) ~ e^x/√(2πx) Σₖ (−1)ᵏ aₖ(ν)/xᵏ with aₖ(ν) = Πⱼ₌₁ᵏ (4ν² − (2j − 1)²)/(k! 8ᵏ) (DLMF 10.40.1),
 * summed until the terms stop decreasing or drop below 1e-17 of the sum.
 */
export function scaledBesselAsymptotic(nu: 0 | 1, x: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < MAX_TERMS; k++) {
    const next = (term * ((2 * k - 1) ** 2 - 4 * nu * nu)) / (8 * k * x);
    if (Math.abs(next) >= Math.abs(term)) break;
    term = next;
    sum += term;
    if (Math.abs(term) <= EPSILON * sum) break;
  }
  return sum / Math.sqrt(2 * Math.PI * x);
}
