/** Shared test helpers: seeded random TT objects and float32-aware comparisons. */
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { type RankSpec, randomTensor, type TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/**
 * Asserts |a − e| ≤ rel·(|e| + max|e|) elementwise: relative to each entry and, for entries near zero, to the
 * largest one. Every quantity here is a float32 computation (sweeps, QR/SVD rounded to float32, dense
 * references in float32) of O(10) operations per entry, so `rel` 1e-4 leaves a wide margin over the 1e-7
 * unit roundoff times the growth of a few contractions; a wrong block or sign gives errors of order 1.
 */
export function expectNear(actual: tf.Tensor, expected: tf.Tensor | number, rel = 1e-4): void {
  const scale =
    typeof expected === 'number' ? Math.abs(expected) : tf.tidy(() => tf.max(tf.abs(expected)).dataSync()[0]!);
  expectClose(actual, expected, { rtol: rel, atol: rel * scale + 1e-12 });
}

/** A random TT-tensor with unit-variance entries (T3F's random_tensor scaling). */
export function point(shape: readonly number[], ttRank: RankSpec, seed: number): TensorTrain {
  return randomTensor(shape, { seed, ttRank });
}

/** Reads a scalar tensor and frees it. */
export function scalar(t: tf.Tensor): number {
  const value = t.dataSync()[0]!;
  t.dispose();
  return value;
}

/**
 * Asserts that `fn` throws an error whose message contains `message` and that it leaves the tensor count as
 * it found it (tfjs's gradient tape keeps the tensors its ops save, which no tidy frees).
 */
export async function expectThrowsWithoutLeaks(fn: () => unknown, message: string | RegExp): Promise<void> {
  await expectNoLeaks(() => {
    expect(fn).toThrow(message);
  });
}
