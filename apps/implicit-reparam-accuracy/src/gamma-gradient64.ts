import { digammaScalar } from '@proj/core/special';

/**
 * The implicit gradient of a Gamma(α, 1) variate, dz/dα = −(∂P(α, z)/∂α)/p(z; α), in float64 by forward-mode
 * differentiation of the power series P = (z^α e^(−z)/Γ(α + 1))·S, S = Σₖ tₖ, t₀ = 1, tₖ = tₖ₋₁·z/(α + k)
 * (as Eigen/TF's series branch; the powers cancel against the density):
 * dz/dα = −(z/α)·((log z − ψ(α + 1))·S + S'), S' = Σₖ ∂tₖ/∂α.
 * All terms are positive, but where P is near 1 the bracket cancels: relative error about 1e-16/Q with
 * Q = 1 − P (the reference points keep Q ≥ 1e-3). Cost O(z + √α·10) terms, stopping at relative 1e-17.
 */
export function gammaGradient64(alpha: number, z: number): number {
  let [term, dTerm, sum, dSum] = [1, 0, 1, 0];
  for (let k = 1; k < 1e6; k++) {
    const inverse = 1 / (alpha + k);
    term *= z * inverse;
    dTerm = dTerm * z * inverse - term * inverse;
    sum += term;
    dSum += dTerm;
    if (term <= 1e-17 * sum && Math.abs(dTerm) <= 1e-17 * Math.abs(dSum)) break;
  }
  return -(z / alpha) * ((Math.log(z) - digammaScalar(alpha + 1)) * sum + dSum);
}
