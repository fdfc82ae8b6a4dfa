import { formatIndex, formatNumber } from '../internal/format.js';
import { describeValue } from '../validation/assert-args.js';
import { flatValues, type NumericLike } from './numeric-values.js';

/**
 * Asserts that the sample mean of `samples` (shape [n, ...event]) is within `k` standard errors of the true
 * `mean`, per component: |mean̂_j − mean_j| ≤ k·sd_j/√n, where `sd` is the true standard deviation of one
 * sample. With k = 5 a correct sampler fails with probability about 6e-7 per component. Means are
 * accumulated in float64.
 *
 * @param samples draws along the first axis: [n] or [n, ...event].
 * @param mean true mean: a number or an array/tensor of the event shape.
 * @param sd true standard deviation of one draw: a number or an array/tensor of the event shape (> 0).
 * @param k number of standard errors allowed; default 5.
 * @throws Error naming `expectMeanWithin`: the worst component and its z-score, or the bad argument.
 */
export function expectMeanWithin(samples: NumericLike, mean: NumericLike, sd: NumericLike, k = 5): void {
  const s = flatValues(samples, 'expectMeanWithin', 'samples');
  const n = s.shape[0] ?? 0;
  if (n < 2) throw new Error(`expectMeanWithin: argument 'samples' needs at least 2 draws along axis 0, got ${n}`);
  if (typeof k !== 'number' || !(k > 0)) {
    throw new Error(`expectMeanWithin: argument 'k' must be a positive number, got ${describeValue(k)}`);
  }
  const eventShape = s.shape.slice(1);
  const eventSize = s.values.length / n;
  const means = broadcastToEvent(mean, 'mean', eventSize, eventShape);
  const sds = broadcastToEvent(sd, 'sd', eventSize, eventShape);
  sds.forEach((value, j) => {
    if (!(value > 0)) {
      throw new Error(
        `expectMeanWithin: argument 'sd' must be positive, got ${value} at ${formatIndex(j, eventShape)}`,
      );
    }
  });
  const sums = new Float64Array(eventSize);
  for (let i = 0; i < s.values.length; i++) sums[i % eventSize]! += s.values[i]!;
  let worst = { index: 0, z: 0, sampleMean: 0 };
  for (let j = 0; j < eventSize; j++) {
    const sampleMean = sums[j]! / n;
    const z = Math.abs(sampleMean - means[j]!) / (sds[j]! / Math.sqrt(n));
    if (!(z <= worst.z)) worst = { index: j, z, sampleMean };
  }
  if (!(worst.z <= k)) {
    const j = worst.index;
    throw new Error(
      `expectMeanWithin: sample mean ${formatNumber(worst.sampleMean)} at ${formatIndex(j, eventShape)} is ` +
        `${formatNumber(worst.z)} standard errors from ${formatNumber(means[j]!)} (allowed ${k}; n=${n}, sd=${formatNumber(sds[j]!)})`,
    );
  }
}

function broadcastToEvent(
  value: NumericLike,
  arg: string,
  eventSize: number,
  eventShape: readonly number[],
): Float64Array {
  const { values } = flatValues(value, 'expectMeanWithin', arg);
  if (values.length === 1) return new Float64Array(eventSize).fill(values[0]!);
  if (values.length !== eventSize) {
    throw new Error(
      `expectMeanWithin: argument '${arg}' must be a number or match the event shape [${eventShape.join(',')}], got ${values.length} values`,
    );
  }
  return values;
}
