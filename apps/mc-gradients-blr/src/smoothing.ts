/** Points of the reference code's moving average of the gradient variance curves (the survey's case study). */
export const SMOOTHING_WINDOW = 11;

/**
 * Centered moving average over `window` points (odd), truncated at the ends: point i is the mean of the values
 * i − h … i + h that exist, h = (window − 1)/2, as Vega-Lite's window transform with frame [−h, h]. O(n·window).
 *
 * @throws Error when `window` is not a positive odd integer.
 */
export function movingAverage(values: readonly number[], window: number = SMOOTHING_WINDOW): number[] {
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0) {
    throw new Error(`movingAverage: argument 'window' must be a positive odd integer, got ${window}`);
  }
  const half = (window - 1) / 2;
  return values.map((_, i) => {
    const part = values.slice(Math.max(0, i - half), i + half + 1);
    return part.reduce((sum, v) => sum + v, 0) / part.length;
  });
}
