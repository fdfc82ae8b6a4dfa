import { assertNumber } from '../../validation/assert-args.js';
import { regularizedBeta } from '../internal/incomplete-beta.js';

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b) = (1/B(a, b)) ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt,
 * in float64: the CDF at x of a Beta(a, b) variable.
 *
 * Domain a > 0, b > 0, 0 ≤ x ≤ 1: NaN for a ≤ 0, b ≤ 0 (scipy returns limits at a = 0 or b = 0), x outside
 * [0, 1] or NaN; I_0 = 0 and I_1 = 1 for every valid a, b; I_x(+Infinity, b) = 0 and I_x(a, +Infinity) = 1 for
 * 0 < x < 1 (NaN when both are infinite). Relatively accurate (a few 1e-13 for a, b ≤ 1e3, checked against
 * mpmath) also where I or 1 − I is tiny: the tail on the far side of the mean is computed directly by the
 * continued fraction, the other as 1 − it.
 *
 * Complexity: O(√max(a, b)) terms near the mean, fewer away from it.
 *
 * @throws Error naming `betaincScalar` and the argument when `a`, `b` or `x` is not a number (strings are not
 *   converted).
 * @example
 * betaincScalar(2, 1, 0.5); // x²: 0.25
 * @see DLMF 8.17.4, 8.17.22; Numerical Recipes §6.4; Cephes `incbet`.
 * @category Special functions
 */
export function betaincScalar(a: number, b: number, x: number): number {
  assertNumber('betaincScalar', 'a', a);
  assertNumber('betaincScalar', 'b', b);
  assertNumber('betaincScalar', 'x', x);
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  if (a === Number.POSITIVE_INFINITY) return b === Number.POSITIVE_INFINITY ? Number.NaN : 0;
  if (b === Number.POSITIVE_INFINITY) return 1;
  return regularizedBeta(a, b, x).lower;
}
