/** Statistical assertions on per-sample gradient estimates (float64 accumulation). */
import { expectMeanWithin } from '@proj/core/testing';
import type * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Sample mean, variance (n − 1) and the standard error of that variance, from the fourth central moment. */
export function sampleMoments(values: ArrayLike<number>): { mean: number; variance: number; varianceError: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d2 = (values[i]! - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  return { mean, variance, varianceError: Math.sqrt(Math.max(m4 / n - (m2 / n) ** 2, 0) / n) };
}

/**
 * The mean of per-sample estimates [n] within k standard errors of `expected` (the standard error from the
 * estimates themselves); estimates with no spread must equal `expected` to 1e-5.
 */
export function expectUnbiased(perSample: tf.Tensor, expected: number, k = 5): void {
  const values = perSample.dataSync();
  const { mean, variance } = sampleMoments(values);
  if (variance < 1e-10) {
    expect(Math.abs(mean - expected)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected)));
    return;
  }
  expectMeanWithin(values as Float32Array, expected, Math.sqrt(variance), k);
}

/** The variance of per-sample estimates [n] within k standard errors of `expected` (1e-8 when exactly 0). */
export function expectVariance(perSample: tf.Tensor, expected: number, k = 5): void {
  const { variance, varianceError } = sampleMoments(perSample.dataSync());
  if (expected === 0) {
    expect(variance).toBeLessThan(1e-8);
    return;
  }
  const z = Math.abs(variance - expected) / varianceError;
  expect(z, `variance ${variance} vs ${expected} (standard error ${varianceError})`).toBeLessThanOrEqual(k);
}
