/** Shared helpers of the tests: the scipy/mpmath fixture, float64 inverse CDFs by bisection, per-sample grads. */
import { readFileSync } from 'node:fs';
import { igammaScalar } from '@proj/core/special';
import * as tf from '@tensorflow/tfjs-core';

// biome-ignore lint/suspicious/noExplicitAny: JSON fixture written by fixtures/make_fixtures.py.
export const REFERENCE: any = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8'));

/** The x in [lo, hi] with cdf(x) = u, by 200 bisection steps in float64 (cdf increasing). */
export function bisect(cdf: (x: number) => number, u: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (cdf(mid) < u) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** ∂z/∂a of a standard Gamma(a) draw z at fixed u = P(a, z): central differences of the inverse CDF. */
export function gammaDrawDerivative(a: number, z: number): number {
  const u = igammaScalar(a, z);
  const h = 1e-4 * a;
  const inverse = (alpha: number) => bisect((x) => igammaScalar(alpha, x), u, 0, 10 * (a + 10));
  return (inverse(a + h) - inverse(a - h)) / (2 * h);
}

/**
 * Per-sample gradients ∂f(xᵢ)/∂θᵢ: the parameter is given as n copies (a batch of n), so draw i depends only on
 * copy i. `draw(theta)` returns n draws (shape [n] or [n, K]); `f` maps them to per-draw values to sum.
 */
export function perSampleGradient(
  values: number[],
  draw: (theta: tf.Tensor) => tf.Tensor,
  f: (x: tf.Tensor) => tf.Tensor = (x) => x,
): Float32Array {
  return tf.tidy(
    () =>
      tf
        .grad((theta) => tf.sum(f(draw(theta))))(tf.tensor1d(values))
        .dataSync() as Float32Array,
  );
}

/** Mean and standard deviation in float64. */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  let [sum, sq] = [0, 0];
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(sq / (n - 1)) };
}
