/** Max, median and mean of the relative errors |g − ref|/|ref| of `values` against `reference`. O(n log n). */
export function relativeErrors(
  values: ArrayLike<number>,
  reference: ArrayLike<number>,
): { max: number; median: number; mean: number } {
  const errors = Array.from(reference, (ref, i) => Math.abs(values[i]! - ref) / Math.abs(ref));
  if (errors.length === 0) return { max: Number.NaN, median: Number.NaN, mean: Number.NaN };
  const sorted = [...errors].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : 0.5 * (sorted[middle - 1]! + sorted[middle]!);
  // A NaN error (a method's NaN gradient) must show as NaN, not be sorted away.
  const max = errors.some(Number.isNaN) ? Number.NaN : sorted[sorted.length - 1]!;
  return { max, median, mean: errors.reduce((s, e) => s + e, 0) / errors.length };
}
