import { i0eScalar, i1eScalar } from '@proj/core/special';
import { normalCdf, normalPdf } from './normal-cdf.js';

const TWO_PI = 2 * Math.PI;
/** Concentration from which the normal approximation replaces the series (Hill 1977, 8-digit row). */
const SERIES_BELOW = 10.5;
/** Terms of the backward series recursion. */
const SERIES_TERMS = 20;

/**
 * The von Mises(0, κ) CDF on [−π, π] by Hill's series, F = ½ + x/(2π) + v₁/π with the backward recursion
 * rₙ = 1/(2n/κ + rₙ₊₁), vₙ = rₙ(sin(nx)/n + vₙ₊₁) from n = 20, and ∂F/∂κ by forward-mode differentiation of the
 * recursion. F is clipped to [0, 1] and the derivative zeroed where clipping acted (the mask is taken before
 * clipping: TFP issue #220). Float64, O(20).
 */
function seriesCdf(x: number, kappa: number): [number, number] {
  let [r, dr, v, dv] = [0, 0, 0, 0];
  for (let n = SERIES_TERMS; n >= 1; n--) {
    const denominator = (2 * n) / kappa + r;
    const dDenominator = (-2 * n) / (kappa * kappa) + dr;
    r = 1 / denominator;
    dr = -dDenominator / (denominator * denominator);
    const multiplier = Math.sin(n * x) / n + v;
    v = r * multiplier;
    dv = dr * multiplier + r * dv;
  }
  const cdf = 0.5 + x / TWO_PI + v / Math.PI;
  const inside = cdf >= 0 && cdf <= 1;
  return [Math.min(Math.max(cdf, 0), 1), inside ? dv / Math.PI : 0];
}

/**
 * The von Mises(0, κ) CDF on [−π, π] by Hill's corrected normal approximation for large κ: z = √(2/π)·sin(x/2)/
 * I0e(κ), ξ = z − z³/D² with D = (24κ − 2z² − 16)/3 − (z⁴ + 1.75z² + 83.5)/(24κ − 53 − z²), F = Φ(ξ), and
 * ∂F/∂κ = φ(ξ)·∂ξ/∂κ by the chain rule (∂z/∂κ = z(1 − I1e/I0e)). Float64, O(1).
 */
function normalApproximationCdf(x: number, kappa: number): [number, number] {
  const [i0, i1] = [i0eScalar(kappa), i1eScalar(kappa)];
  const z = (Math.sqrt(2 / Math.PI) * Math.sin(0.5 * x)) / i0;
  const dz = z * (1 - i1 / i0);
  const z2 = z * z;
  const c = 24 * kappa;
  const a = (c - 2 * z2 - 16) / 3;
  const da = (24 - 4 * z * dz) / 3;
  const num = z2 * z2 + 1.75 * z2 + 83.5;
  const dNum = (4 * z2 * z + 3.5 * z) * dz;
  const e = c - 53 - z2;
  const de = 24 - 2 * z * dz;
  const d = a - num / e;
  const dd = da - (dNum * e - num * de) / (e * e);
  const xi = z - (z2 * z) / (d * d);
  const dXi = dz - (3 * z2 * dz) / (d * d) + (2 * z2 * z * dd) / (d * d * d);
  return [normalCdf(xi), normalPdf(xi) * dXi];
}

/**
 * The von Mises(0, κ) CDF at any real x (whole periods add 1 each: F(x + 2π) = F(x) + 1) and its derivative in κ,
 * [F, ∂F/∂κ], in float64: Hill's series below κ = 10.5, his normal approximation above (absolute accuracy about
 * 1e-8; the relative accuracy of ∂F/∂κ drops in the far tails, where p(x) < 1e-6). O(20).
 *
 * @see Hill, "Algorithm 518: Incomplete Bessel function I0. The von Mises distribution", ACM TOMS 3(3), 1977.
 */
export function vonMisesCdf(x: number, kappa: number): [number, number] {
  const periods = Math.round(x / TWO_PI);
  const y = x - TWO_PI * periods;
  const [cdf, dKappa] = kappa < SERIES_BELOW ? seriesCdf(y, kappa) : normalApproximationCdf(y, kappa);
  return [cdf + periods, dKappa];
}

/** The von Mises(0, κ) density exp(κ(cos x − 1))/(2π·I0e(κ)) in float64 (no overflow for large κ). O(1). */
export function vonMisesDensity(x: number, kappa: number): number {
  return Math.exp(kappa * (Math.cos(x) - 1)) / (TWO_PI * i0eScalar(kappa));
}
