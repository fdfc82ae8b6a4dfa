/**
 * Shared helpers of the tests, all in float64 on the host (the independent side of every comparison): log-space
 * sums, the toy Gaussian model with tractable evidence, and 1-D quadrature.
 */

/** log Σ exp(xᵢ) in float64, shifted by the maximum. */
export function logSumExp64(values: readonly number[]): number {
  const max = values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(values.reduce((s, v) => s + Math.exp(v - max), 0));
}

/** log((1/n) Σ exp(xᵢ)) in float64. */
export const logMeanExp64 = (values: readonly number[]) => logSumExp64(values) - Math.log(values.length);

/** log(exp(a) + exp(b)) in float64. */
export const logAddExp64 = (a: number, b: number) => logSumExp64([a, b]);

/** 1/(1 + e^(−t)) in float64. */
export const sigmoid64 = (t: number) => 1 / (1 + Math.exp(-t));

/** log N(x; mean, variance) in float64. */
export const logNormal64 = (x: number, mean: number, variance: number) =>
  -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) ** 2 / (2 * variance);

/**
 * The toy model z ~ N(0, 1), x | z ~ N(z, 1), so p(x) = N(x; 0, 2), with the proposal q(z | x) = N(qMean, qSd²)
 * (deliberately not the posterior N(x/2, 1/2)).
 */
export interface Toy {
  readonly x: number;
  readonly qMean: number;
  readonly qSd: number;
}

/** log p(x, z) of the toy model. */
export const toyLogJoint = (toy: Toy, z: number) => logNormal64(z, 0, 1) + logNormal64(toy.x, z, 1);

/** log q(z | x) of the toy model. */
export const toyLogQ = (toy: Toy, z: number) => logNormal64(z, toy.qMean, toy.qSd ** 2);

/** log p(x) = log N(x; 0, 2), the exact evidence. */
export const toyLogEvidence = (toy: Toy) => logNormal64(toy.x, 0, 2);

/**
 * The exact ELBO E_q[log p(x, z) − log q(z)] of the toy model: with m, s the proposal's mean and sd,
 * −log(2π) − (m² + s²)/2 − ((x − m)² + s²)/2 + log(s√(2π)) + 1/2.
 */
export function toyElbo(toy: Toy): number {
  const { x, qMean: m, qSd: s } = toy;
  return (
    -Math.log(2 * Math.PI) -
    (m * m + s * s) / 2 -
    ((x - m) ** 2 + s * s) / 2 +
    Math.log(s * Math.sqrt(2 * Math.PI)) +
    0.5
  );
}

/**
 * E_{z~N(mean, sd²)}[f(z)] by the trapezoidal rule on mean ± 12 sd with `points` nodes (float64; the Gaussian
 * tails beyond 12 sd weigh below 1e-32).
 */
export function gaussianExpectation(f: (z: number) => number, mean: number, sd: number, points = 20001): number {
  const [lo, hi] = [mean - 12 * sd, mean + 12 * sd];
  const h = (hi - lo) / (points - 1);
  let total = 0;
  for (let i = 0; i < points; i++) {
    const z = lo + i * h;
    const weight = i === 0 || i === points - 1 ? 0.5 : 1;
    total += weight * Math.exp(logNormal64(z, mean, sd * sd)) * f(z);
  }
  return total * h;
}
