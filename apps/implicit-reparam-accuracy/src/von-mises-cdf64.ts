import { i0eScalar } from '@proj/core/special';

/** The number of Fourier terms at κ: 40 + ⌈20√κ⌉ (ρₙ ≈ exp(−n²/2κ) is far below 1e-17 there). */
const termsAt = (kappa: number): number => 40 + Math.ceil(20 * Math.sqrt(kappa));

/**
 * The von Mises(0, κ) CDF at x ∈ [−π, π] in float64 by its Fourier series
 * F(x) = ½ + x/(2π) + (1/π) Σₙ ρₙ sin(nx)/n, ρₙ = Iₙ(κ)/I₀(κ) = r₁⋯rₙ, with the ratios rₖ = Iₖ/Iₖ₋₁ from the
 * backward recurrence rₖ = 1/(2k/κ + rₖ₊₁) started at N = 40 + ⌈20√κ⌉ (Miller). Absolute error about 1e-15.
 * Also ∂F/∂κ = (1/π) Σₙ ρₙ' sin(nx)/n by forward-mode differentiation of the recurrence
 * (rₖ' = −rₖ²(−2k/κ² + rₖ₊₁'), ρₙ' = ρₙ Σ_{k≤n} rₖ'/rₖ). Cost O(√κ + 40) per call. Reference: Hill (1977)
 * uses the same series with a fixed N = 20 for κ < 10.5.
 *
 * @returns [F(x; κ), ∂F/∂κ(x; κ)].
 */
export function vonMisesCdf64(x: number, kappa: number): [number, number] {
  const terms = termsAt(kappa);
  const ratios = new Float64Array(terms + 2);
  const dRatios = new Float64Array(terms + 2);
  for (let k = terms; k >= 1; k--) {
    const r = 1 / ((2 * k) / kappa + ratios[k + 1]!);
    ratios[k] = r;
    dRatios[k] = -r * r * ((-2 * k) / (kappa * kappa) + dRatios[k + 1]!);
  }
  let [rho, logSlope, sum, dSum] = [1, 0, 0, 0];
  for (let n = 1; n <= terms; n++) {
    rho *= ratios[n]!;
    logSlope += dRatios[n]! / ratios[n]!;
    if (rho < 1e-300) break;
    const s = Math.sin(n * x) / n;
    sum += rho * s;
    dSum += rho * logSlope * s;
  }
  return [0.5 + x / (2 * Math.PI) + sum / Math.PI, dSum / Math.PI];
}

/** The von Mises(0, κ) density exp(κ(cos x − 1))/(2π·I0e(κ)) in float64 (no overflow for large κ). O(1). */
export function vonMisesDensity64(x: number, kappa: number): number {
  return Math.exp(kappa * (Math.cos(x) - 1)) / (2 * Math.PI * i0eScalar(kappa));
}
