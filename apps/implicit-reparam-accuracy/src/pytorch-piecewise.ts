import { digammaScalar } from '@proj/core/special';

/** A float literal of the reference code (`0.8f`), as the C++ promotes it to double (its coefficients are double). */
const f32 = Math.fround;

/**
 * The bivariate rational approximation's coefficients (PyTorch `standard_gamma_grad_one`, rows: u⁰, u¹, u²;
 * columns: the numerator's then the denominator's v⁰…v³).
 */
const COEFFICIENTS: readonly (readonly number[])[] = [
  [0.16009398, -0.094634809, 0.025146376, -0.0030648343, 1, 0.32668115, 0.10406089, 0.0014179084],
  [0.53487893, 0.1298071, 0.065735949, -0.0015649758, 0.16639465, 0.020070113, -0.0035938915, -0.00058392623],
  [0.040121004, -0.0065914022, -0.0026286047, -0.0013441777, 0.017050642, -0.0021309326, 0.00085092367, -1.5247877e-7],
];

/**
 * The piecewise approximation of the implicit Gamma gradient that PyTorch uses for `Gamma.rsample`
 * (Jankowiak & Obermeyer, "Pathwise derivatives beyond the reparameterization trick", ICML 2018; PyTorch
 * PRs #4369 and #4421; `standard_gamma_grad_one` in ATen/native/Distributions.h), ported line by line in
 * float64 (PyTorch's CPU accumulation type for float and double) so that the app can compare it at fixed points
 * with the implicit gradient: dz/dα of z ~ Gamma(α, 1) from
 * - z < 0.8: a 6-term Taylor series of P(α, z) and its α-derivative;
 * - α > 8: Rice's saddle-point expansion (a polynomial in z/α where 0.9α ≤ z ≤ 1.1α);
 * - otherwise: exp of a bivariate rational function of u = log(z/α) and v = log α with fitted coefficients.
 * It is an app-local port written by hand because no library offers it in JavaScript; `test/pytorch-piecewise.test.ts`
 * checks it against `torch._standard_gamma_grad` itself (fixture `fixtures/pytorch-piecewise.json`). O(1).
 */
export function pytorchGammaGradient(alpha: number, z: number): number {
  if (z < f32(0.8)) {
    let [numer, denom] = [1, alpha];
    let [series1, series2] = [numer / denom, numer / (denom * denom)];
    for (let i = 1; i <= 5; ++i) {
      numer *= -z / i;
      denom += 1;
      series1 += numer / denom;
      series2 += numer / (denom * denom);
    }
    const powZAlpha = z ** alpha;
    const pdf = z ** (alpha - 1) * Math.exp(-z);
    const cdf = powZAlpha * series1;
    const cdfAlpha = (Math.log(z) - digammaScalar(alpha)) * cdf - powZAlpha * series2;
    const result = -cdfAlpha / pdf;
    return Number.isNaN(result) ? 0 : result;
  }
  if (alpha > f32(8)) {
    if (f32(0.9) * alpha <= z && z <= f32(1.1) * alpha) {
      const numer1 = 1 + 24 * alpha * (1 + 12 * alpha);
      const numer2 = 1440 * alpha * alpha + 6 * z * (53 - 120 * z) - (65 * z * z) / alpha + alpha * (107 + 3600 * z);
      return (numer1 * numer2) / (1244160 * alpha * alpha * (alpha * alpha));
    }
    const denom = Math.sqrt(8 * alpha);
    const term2 = denom / (alpha - z);
    const term3 = (z - alpha - alpha * Math.log(z / alpha)) ** -1.5;
    const term23 = z < alpha ? term2 - term3 : term2 + term3;
    const term1 = Math.log(z / alpha) * term23 - (Math.sqrt(2 / alpha) * (alpha + z)) / ((alpha - z) * (alpha - z));
    const stirling = 1 + (1 / (12 * alpha)) * (1 + 1 / (24 * alpha));
    return (-stirling * z * term1) / denom;
  }
  const [u, v] = [Math.log(z / alpha), Math.log(alpha)];
  const c = COEFFICIENTS[0]!.map((c0, i) => c0 + u * (COEFFICIENTS[1]![i]! + u * COEFFICIENTS[2]![i]!));
  const p = c[0]! + v * (c[1]! + v * (c[2]! + v * c[3]!));
  const q = c[4]! + v * (c[5]! + v * (c[6]! + v * c[7]!));
  return Math.exp(p / q);
}
