/** Count, mean and sum of squared deviations of a stream (Welford/Chan), in float64. */
export interface Moments {
  readonly count: number;
  readonly mean: number;
  readonly m2: number;
}

export const EMPTY_MOMENTS: Moments = { count: 0, mean: 0, m2: 0 };

/**
 * Merges a batch of values into running moments (Chan et al.'s parallel update: batch mean and M2 in two
 * passes, then combined), numerically stable. O(batch).
 */
export function addBatch(moments: Moments, values: ArrayLike<number>): Moments {
  const n = values.length;
  if (n === 0) return moments;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let m2 = 0;
  for (let i = 0; i < n; i++) m2 += (values[i]! - mean) ** 2;
  const count = moments.count + n;
  const delta = mean - moments.mean;
  return {
    count,
    mean: moments.mean + (delta * n) / count,
    m2: moments.m2 + m2 + (delta * delta * moments.count * n) / count,
  };
}

/** The unbiased sample variance (NaN below two values). O(1). */
export function variance(moments: Moments): number {
  return moments.count < 2 ? Number.NaN : moments.m2 / (moments.count - 1);
}
