/**
 * How many of `positions` a mask with this keep fraction computes: round(keepFraction · positions), at least 1.
 * O(1).
 */
export function keptCount(positions: number, keepFraction: number): number {
  return Math.min(positions, Math.max(1, Math.round(keepFraction * positions)));
}
