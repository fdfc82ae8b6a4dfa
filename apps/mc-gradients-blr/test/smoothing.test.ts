import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { singleSampleVariance } from '../src/gradient-variance.js';
import { movingAverage } from '../src/smoothing.js';

describe('movingAverage', () => {
  it('averages the 11 centered points, truncated at the ends (as a Vega-Lite window with frame [-5, 5])', () => {
    const values = Array.from({ length: 20 }, (_, i) => i * i);
    const smoothed = movingAverage(values);
    const direct = (i: number) => {
      const part = values.filter((_, j) => Math.abs(j - i) <= 5);
      return part.reduce((a, b) => a + b, 0) / part.length;
    };
    for (const [i, v] of smoothed.entries()) expect(v).toBeCloseTo(direct(i), 12);
    expect(smoothed[0]).toBeCloseTo((0 + 1 + 4 + 9 + 16 + 25) / 6, 12);
    expect(movingAverage([3], 11)).toEqual([3]);
    expect(movingAverage([1, 2, 3], 1)).toEqual([1, 2, 3]);
  });

  it('rejects an even or non-positive window', () => {
    expect(() => movingAverage([1], 10)).toThrow(
      "movingAverage: argument 'window' must be a positive odd integer, got 10",
    );
    expect(() => movingAverage([1], 0)).toThrow(
      "movingAverage: argument 'window' must be a positive odd integer, got 0",
    );
  });
});

describeBackends('singleSampleVariance', () => {
  it('per-column variance (divided by n) over all chunks, mean and max over the columns', () => {
    // Rows r = 0..n-1 of the whole draw: column 0 = r, column 1 = 2r; chunks of 3 rows continue the count.
    let next = 0;
    const draw = (n: number) => {
      const rows = Array.from({ length: n }, () => next++);
      return tf.tensor2d(
        rows.flatMap((r) => [r, 2 * r]),
        [n, 2],
      );
    };
    const before = tf.memory().numTensors;
    const { mean, max } = singleSampleVariance(draw, 10, 3, 7);
    expect(tf.memory().numTensors).toBe(before);
    // Var of 0..9 (ddof 0) = 8.25; column 1: 4 · 8.25.
    expect(max).toBeCloseTo(33, 5);
    expect(mean).toBeCloseTo((8.25 + 33) / 2, 5);
  });

  it('names the argument on bad input', () => {
    const draw = (n: number) => tf.zeros([n, 1]) as tf.Tensor2D;
    expect(() => singleSampleVariance(draw, 1, 3, 0)).toThrow(
      "singleSampleVariance: argument 'samples' must be an integer >= 2, got 1",
    );
    expect(() => singleSampleVariance(draw, 4, 0, 0)).toThrow(
      "singleSampleVariance: argument 'chunk' must be a positive integer, got 0",
    );
  });
});
