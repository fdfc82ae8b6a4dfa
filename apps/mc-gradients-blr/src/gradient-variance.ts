import { foldIn, type Seed } from '@proj/core';
import type * as tf from '@tensorflow/tfjs-core';

/** Mean and max over the parameters of the per-parameter variance of the single-sample gradient estimate. */
export interface VarianceSummary {
  readonly mean: number;
  readonly max: number;
}

/**
 * The variance of the single-sample gradient estimate, per parameter, summarized by its mean and max over the
 * parameters: `draw(n, seed)` returns n single-sample estimates as [n, P] (one row per estimate), called on chunks
 * of at most `chunk` estimates (seeds foldIn(seed, chunk index)) so that the cost's intermediates stay small;
 * the variances (divided by the number of estimates, as `tf.moments`) are computed in float64 over all
 * `samples` rows. O(samples·P) memory on the host.
 *
 * @throws Error naming the argument when `samples` < 2 or `chunk` < 1.
 */
export function singleSampleVariance(
  draw: (n: number, seed: Seed) => tf.Tensor2D,
  samples: number,
  chunk: number,
  seed: Seed,
): VarianceSummary {
  if (!Number.isInteger(samples) || samples < 2) {
    throw new Error(`singleSampleVariance: argument 'samples' must be an integer >= 2, got ${samples}`);
  }
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new Error(`singleSampleVariance: argument 'chunk' must be a positive integer, got ${chunk}`);
  }
  const rows: Float32Array[] = [];
  let columns = 0;
  for (let start = 0, index = 0; start < samples; start += chunk, index++) {
    const estimates = draw(Math.min(chunk, samples - start), foldIn(seed, index));
    try {
      columns = estimates.shape[1];
      rows.push(estimates.dataSync() as Float32Array);
    } finally {
      estimates.dispose();
    }
  }
  const variances = Array.from({ length: columns }, (_, j) => {
    let sum = 0;
    for (const block of rows) for (let i = j; i < block.length; i += columns) sum += block[i]!;
    const mean = sum / samples;
    let squares = 0;
    for (const block of rows) for (let i = j; i < block.length; i += columns) squares += (block[i]! - mean) ** 2;
    return squares / samples;
  });
  return { mean: variances.reduce((a, b) => a + b, 0) / columns, max: Math.max(...variances) };
}
