import { assertNumber } from '../../validation/assert-args.js';
import { sinPi } from '../internal/math.js';
import { trigammaPositive } from '../internal/polygamma.js';

/**
 * The trigamma function ψ′(x) = Σₖ 1/(x + k)² in float64.
 *
 * Conventions (scipy.special.polygamma(1, x)): +Infinity at 0, the negative integers (a double pole, +∞
 * from both sides) and −Infinity; ψ′(+Infinity) = 0. Relatively accurate (about 1e-15) for
 * all x; x < 0 by the reflection ψ′(x) = π²/sin²(πx) − ψ′(1 − x), which does not cancel (ψ′ > 0).
 *
 * Complexity: O(1), at most 10 recurrence steps and 8 series terms.
 *
 * @throws Error naming `trigammaScalar` and the argument when `x` is not a number (strings are not converted).
 * @see DLMF 5.15.1, 5.15.6, 5.15.8.
 * @category Special functions
 */
export function trigammaScalar(x: number): number {
  assertNumber('trigammaScalar', 'x', x);
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x > 0) return trigammaPositive(x);
  if (Number.isInteger(x) || x === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  const s = sinPi(x);
  return (Math.PI * Math.PI) / (s * s) - trigammaPositive(1 - x);
}
