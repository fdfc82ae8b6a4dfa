import { assertNumber } from '../../validation/assert-args.js';
import { regularizedGamma } from '../internal/incomplete-gamma.js';

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^(a−1) e^(−t) dt,
 * in float64: the CDF at x of a Gamma(a, 1) variable.
 *
 * Domain a > 0, x ≥ 0: NaN for a ≤ 0 (scipy returns 1 at a = 0), x < 0 or NaN; P(a, 0) = 0,
 * P(a, +Infinity) = 1, P(+Infinity, x) = 0 for finite x. Relatively accurate (about 1e-12; checked
 * against mpmath up to a = 1e12) also where P is tiny: the smaller of P and Q is always computed directly.
 * Methods: power series, continued fraction and Temme's uniform expansion (see {@link igammacScalar}).
 *
 * Complexity: O(√a) terms for a < 100 near x = a, O(1) otherwise.
 *
 * @throws Error naming `igammaScalar` and the argument when `a` or `x` is not a number (strings are not converted).
 * @see DLMF 8.2.4, 8.7.1, 8.9.2, 8.12.3; Temme (1979); Numerical Recipes §6.2; Cephes `igam`.
 * @category Special functions
 */
export function igammaScalar(a: number, x: number): number {
  assertNumber('igammaScalar', 'a', a);
  assertNumber('igammaScalar', 'x', x);
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return a === Number.POSITIVE_INFINITY ? Number.NaN : 1;
  if (x === 0 || a === Number.POSITIVE_INFINITY) return 0;
  return regularizedGamma(a, x).p;
}
