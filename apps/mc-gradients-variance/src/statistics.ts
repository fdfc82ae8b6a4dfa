/** Mean, variance (n − 1) and the standard error of that variance (from the fourth central moment), in float64. */
export interface SampleMoments {
  readonly mean: number;
  readonly variance: number;
  readonly varianceError: number;
}

export function sampleMoments(values: ArrayLike<number>): SampleMoments {
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
  return { mean, variance: m2 / (n - 1), varianceError: Math.sqrt(Math.max(m4 / n - (m2 / n) ** 2, 0) / n) };
}
