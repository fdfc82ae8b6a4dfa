import { assertNumber } from '../../validation/assert-args.js';
import { erfcinvTail, erfinvCentral } from '../internal/inverse-error-function.js';

/**
 * The inverse error function: the w with erf(w) = y, in float64.
 *
 * Domain [−1, 1]: erfinv(±1) = ±Infinity, NaN outside or for NaN. Relatively accurate (about 1e-15)
 * everywhere, near 0 and near ±1 alike: for |y| > ½ it solves erfc(w) = 1 − |y| (exact) by Newton's
 * method on log erfc, for |y| ≤ ½ erf(w) = y by Halley's method.
 *
 * Complexity: O(1), 2–4 evaluations of erf or erfc.
 *
 * @throws Error naming `erfinvScalar` and the argument when `y` is not a number (strings are not converted).
 * @see DLMF 7.17; Giles, "Approximating the erfinv function" (2010), for the problem.
 * @category Special functions
 */
export function erfinvScalar(y: number): number {
  assertNumber('erfinvScalar', 'y', y);
  if (!(Math.abs(y) <= 1)) return Number.NaN;
  if (Math.abs(y) <= 0.5) return erfinvCentral(y);
  if (Math.abs(y) === 1) return y * Number.POSITIVE_INFINITY;
  return Math.sign(y) * erfcinvTail(1 - Math.abs(y));
}
