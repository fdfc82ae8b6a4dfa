/**
 * The point t in [low, high] where the increasing function f crosses u, by bisection in float64 until the
 * interval cannot be halved any more (at most 2000 steps; about 60 for a bracket of width O(1)); the bracket is
 * first widened by doubling steps until f(low) ≤ u ≤ f(high) (at most 60 times).
 *
 * @throws Error naming `invertIncreasing` when no bracket is found.
 */
export function invertIncreasing(f: (t: number) => number, u: number, low: number, high: number): number {
  let [lo, hi, width] = [low, high, high - low];
  for (let i = 0; f(lo) > u; i++) {
    if (i === 60) throw new Error(`invertIncreasing: no lower bracket for u = ${u}`);
    lo -= width;
    width *= 2;
  }
  width = high - low;
  for (let i = 0; f(hi) < u; i++) {
    if (i === 60) throw new Error(`invertIncreasing: no upper bracket for u = ${u}`);
    hi += width;
    width *= 2;
  }
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < u) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
