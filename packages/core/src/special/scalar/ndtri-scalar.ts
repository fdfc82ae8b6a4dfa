import { assertNumber } from '../../validation/assert-args.js';
import { erfcinvTail, erfinvCentral } from '../internal/inverse-error-function.js';

/**
 * The standard normal quantile Φ⁻¹(p), in float64.
 *
 * Domain [0, 1]: ndtri(0) = −Infinity, ndtri(1) = +Infinity, NaN outside or for NaN. Relatively accurate
 * (about 1e-15) down to the smallest p and up to p = 1 − 2⁻⁵³: the tail probability min(p, 1 − p) is
 * formed exactly and Φ(z) = ½ erfc(−z/√2) is inverted through erfc for p < ¼ or p > ¾
 * (z = ∓√2 erfcinv(2 min(p, 1 − p))), through erf near ½ (z = √2 erfinv(2p − 1)).
 *
 * Complexity: O(1), 2–4 evaluations of erf or erfc.
 *
 * @throws Error naming `ndtriScalar` and the argument when `p` is not a number (strings are not converted).
 * @see DLMF 7.17, 26.2 (Φ); Cephes `ndtri` and Wichura's AS 241 solve the same problem with rational fits.
 * @category Special functions
 */
export function ndtriScalar(p: number): number {
  assertNumber('ndtriScalar', 'p', p);
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p < 0.25) return -Math.SQRT2 * erfcinvTail(2 * p);
  if (p > 0.75) return Math.SQRT2 * erfcinvTail(2 * (1 - p));
  return Math.SQRT2 * erfinvCentral(2 * p - 1);
}
