import { BERNOULLI_EVEN } from './math.js';

/**
 * The Hurwitz zeta function ζ(s, q) = Σₖ≥₀ (q + k)^(−s) for s > 1, q > 0, in float64, by Euler–Maclaurin
 * summation: 10 terms summed directly, then the integral, half the next term and 8 Bernoulli corrections
 * (DLMF 25.11.1, 2.10.1). Accurate to a few ulps; used once per module to build series coefficients.
 */
export function hurwitzZeta(s: number, q: number): number {
  const terms = 10;
  let sum = 0;
  for (let k = terms - 1; k >= 0; k--) sum += (q + k) ** -s;
  const n = q + terms;
  sum += n ** (1 - s) / (s - 1) + 0.5 * n ** -s;
  // Σⱼ B₂ⱼ/(2j)! · s(s + 1)…(s + 2j − 2) · n^(−s−2j+1)
  let factor = s / n ** (s + 1);
  let factorial = 2;
  for (let j = 1; j <= 8; j++) {
    sum += (BERNOULLI_EVEN[j - 1]! / factorial) * factor;
    factor *= ((s + 2 * j - 1) * (s + 2 * j)) / (n * n);
    factorial *= (2 * j + 1) * (2 * j + 2);
  }
  return sum;
}
