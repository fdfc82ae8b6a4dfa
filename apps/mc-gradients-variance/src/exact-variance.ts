import type { SurveyCost } from './costs.js';
import { integrate } from './quadrature.js';

/** An estimator as the survey plots it. */
export interface EstimatorVariant {
  /** Legend label. */
  readonly label: string;
  /** The estimator of @proj/mc-gradients, by registry name. */
  readonly estimator: 'scoreFunction' | 'pathwise' | 'measureValued';
  /** Score function only: the optimal per-parameter baseline b* = E[f·s²]/E[s²]. */
  readonly baseline?: 'optimal';
  /** Measure-valued only: common random numbers for the two parts (default true). */
  readonly coupling?: boolean;
}

/** Mean and variance of the single-sample estimate of ∂μ and of ∂σ. */
export interface EstimatorMoments {
  readonly mean: readonly [number, number];
  readonly variance: readonly [number, number];
}

/** Where the integrands are cut off, in standard deviations, and the quadrature's relative tolerance. */
export interface ExactOptions {
  readonly limit: number;
  readonly relTol: number;
}

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
const phi = (z: number) => INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);

/**
 * The exact mean and variance of an estimator's single-sample estimate of ∂μ and ∂σ under N(μ, σ²), by
 * numerical integration (the survey's notebook does the same with scipy's quad and dblquad):
 * - score function: g = (f(x) − b)·s with s_μ = z/σ, s_σ = (z² − 1)/σ, x = μ + σz, z ~ N(0, 1), and b = 0 or
 *   b*_μ = E[f z²], b*_σ = E[f (z² − 1)²]/2;
 * - pathwise: g_μ = f′(x), g_σ = f′(x)·z;
 * - measure-valued, mean: g = (f(μ + σW) − f(μ − σW))/(σ√(2π)), W Rayleigh (one W coupled, two independent);
 * - measure-valued, scale: g = (f(μ + σM) − f(μ + σN))/σ, M double-sided Maxwell, N = M·U, U ~ U(0, 1) when
 *   coupled (a double integral), an independent standard normal otherwise.
 * Variances are computed as E[(g − E g)²] (two passes), or as the sum of the parts' variances when the parts
 * are independent, so that no large second moments cancel.
 */
export function exactMoments(
  cost: SurveyCost,
  k: number,
  mu: number,
  sigma: number,
  variant: EstimatorVariant,
  options: ExactOptions,
): EstimatorMoments {
  const L = options.limit;
  const tolerance = { relTol: options.relTol, absTol: 1e-15, maxIntervals: 5000 };
  const f = (x: number) => cost.value(x, k);
  const normal = (h: (z: number) => number) => integrate((z) => h(z) * phi(z), -L, L, tolerance).value;
  const rayleigh = (h: (w: number) => number) =>
    integrate((w) => h(w) * w * Math.exp(-0.5 * w * w), 0, L, tolerance).value;
  const maxwell = (h: (m: number) => number) => integrate((m) => h(m) * m * m * phi(m), -L, L, tolerance).value;
  const uniform = (h: (u: number) => number) => integrate(h, 0, 1, tolerance).value;
  /** Mean and variance (two passes) of g under the expectation operator E. */
  const moments = (expect: (h: (t: number) => number) => number, g: (t: number) => number): [number, number] => {
    const mean = expect(g);
    return [mean, expect((t) => (g(t) - mean) ** 2)];
  };
  const pair = (loc: [number, number], scale: [number, number]): EstimatorMoments => ({
    mean: [loc[0], scale[0]],
    variance: [loc[1], scale[1]],
  });

  if (variant.estimator === 'scoreFunction') {
    const fz = (z: number) => f(mu + sigma * z);
    const [bMu, bSigma] =
      variant.baseline === 'optimal'
        ? [normal((z) => fz(z) * z * z), normal((z) => fz(z) * (z * z - 1) ** 2) / 2]
        : [0, 0];
    return pair(
      moments(normal, (z) => ((fz(z) - bMu) * z) / sigma),
      moments(normal, (z) => ((fz(z) - bSigma) * (z * z - 1)) / sigma),
    );
  }
  if (variant.estimator === 'pathwise') {
    const dz = (z: number) => cost.derivative(mu + sigma * z, k);
    return pair(
      moments(normal, dz),
      moments(normal, (z) => dz(z) * z),
    );
  }
  const c = INV_SQRT_TWO_PI / sigma;
  const plus = (w: number) => f(mu + sigma * w);
  const minus = (w: number) => f(mu - sigma * w);
  const maxwellPart = (m: number) => f(mu + sigma * m);
  if (variant.coupling === false) {
    const [plusMean, plusVariance] = moments(rayleigh, plus);
    const [minusMean, minusVariance] = moments(rayleigh, minus);
    const [maxwellMean, maxwellVariance] = moments(maxwell, maxwellPart);
    const [normalMean, normalVariance] = moments(normal, (z) => f(mu + sigma * z));
    return pair(
      [c * (plusMean - minusMean), c * c * (plusVariance + minusVariance)],
      [(maxwellMean - normalMean) / sigma, (maxwellVariance + normalVariance) / sigma ** 2],
    );
  }
  const scaleTerm = (m: number, u: number) => (f(mu + sigma * m) - f(mu + sigma * m * u)) / sigma;
  const scaleMean = maxwell((m) => uniform((u) => scaleTerm(m, u)));
  const scaleVariance = maxwell((m) => uniform((u) => (scaleTerm(m, u) - scaleMean) ** 2));
  return pair(
    moments(rayleigh, (w) => c * (plus(w) - minus(w))),
    [scaleMean, scaleVariance],
  );
}
