import { assertNumber } from '../../validation/assert-args.js';
import { regularizedGamma } from '../internal/incomplete-gamma.js';

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x), in float64: the
 * survival function at x of a Gamma(a, 1) variable.
 *
 * Domain a > 0, x ≥ 0: NaN for a ≤ 0, x < 0 or NaN; Q(a, 0) = 1, Q(a, +Infinity) = 0,
 * Q(+Infinity, x) = 1 for finite x. Relatively accurate (about 1e-12; checked against mpmath up to
 * a = 1e12) also deep in the upper tail. Methods: for a ≥ 100 and |x − a| ≤ 0.3a Temme's uniform
 * asymptotic expansion with 4 terms (Taylor coefficients computed exactly by
 * `tools/fixtures/special_functions.py`); else the power series of P for x ≤ a + 1 (with Q = 1 − P, or for
 * a < 1 a series written around Q), and the continued fraction of Q beyond.
 *
 * Complexity: O(√a) terms for a < 100 near x = a, O(1) otherwise.
 *
 * @throws Error naming `igammacScalar` and the argument when `a` or `x` is not a number (strings are not converted).
 * @see DLMF 8.2.4, 8.7.1, 8.9.2, 8.12.3; Temme (1979); Numerical Recipes §6.2; Cephes `igamc`.
 * @category Special functions
 */
export function igammacScalar(a: number, x: number): number {
  assertNumber('igammacScalar', 'a', a);
  assertNumber('igammacScalar', 'x', x);
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return a === Number.POSITIVE_INFINITY ? Number.NaN : 0;
  if (x === 0 || a === Number.POSITIVE_INFINITY) return 1;
  return regularizedGamma(a, x).q;
}
