import { igamma, igammaScalar } from '@proj/core/special';
import { gamma, implicitGradient, vonMises } from '@proj/implicit-reparam';
import * as tf from '@tensorflow/tfjs-core';
import { gammaGradient64 } from './gamma-gradient64.js';
import { invertIncreasing } from './inverse-cdf.js';
import { pytorchGammaGradient } from './pytorch-piecewise.js';
import type { DistributionName, ReferencePoint } from './reference.js';
import { vonMisesCdf64, vonMisesDensity64 } from './von-mises-cdf64.js';

/** A way to compute dz/dθ at fixed points: all points of one call at once. */
export interface GradientMethod {
  readonly label: string;
  readonly short: string;
  /** The distributions the method exists for. */
  readonly distributions: readonly DistributionName[];
  readonly compute: (name: DistributionName, points: readonly ReferencePoint[], relativeStep: number) => Float64Array;
}

/** Gamma(α, 1) with the implicit gradient of @proj/implicit-reparam: −(∂P(α, z)/∂α)/p(z; α), P = core's igamma. */
const gammaImplicit = implicitGradient(
  (z, alpha) => igamma(alpha, z),
  (z, alpha) => tf.exp(gamma({ concentration: alpha, rate: 1 }).logProb(z)),
);

/** von Mises(0, κ) with the implicit gradient: −(∂F/∂κ)/p with the package's CDF (Hill 1977, forward mode). */
const vonMisesImplicit = implicitGradient(
  (z, kappa) => vonMises({ loc: 0, concentration: kappa }).cdf(z),
  (z, kappa) => tf.exp(vonMises({ loc: 0, concentration: kappa }).logProb(z)),
);

/**
 * Implicit reparameterization in tfjs (float32, the current backend): per point, tf.grad of the attached sample
 * in θ. Beta: x = σ(log G₁ − log G₀) with G₁ carrying the implicit Gamma gradient, differentiated by tfjs
 * autodiff (as @proj/implicit-reparam's Beta computes its samples; where x rounds to 1 in float32 the gradient
 * σ(1 − σ) is 0). One batched call; memory-neutral. O(points).
 */
function implicitTfjs(name: DistributionName, points: readonly ReferencePoint[]): Float64Array {
  const values = tf.tidy(() => {
    const theta = tf.tensor1d(
      points.map((p) => p.theta),
      'float32',
    );
    const z = tf.tensor1d(
      points.map((p) => p.z),
      'float32',
    );
    const f = (t: tf.Tensor): tf.Tensor => {
      if (name === 'vonMises') return tf.sum(vonMisesImplicit(z, t));
      const sample = gammaImplicit(z, t);
      if (name === 'gamma') return tf.sum(sample);
      const g0 = tf.tensor1d(
        points.map((p) => p.g0!),
        'float32',
      );
      return tf.sum(tf.sigmoid(tf.sub(tf.log(sample), tf.log(g0))));
    };
    return tf.grad(f)(theta).dataSync();
  });
  return Float64Array.from(values);
}

/** The Gamma(α, 1) quantile of u in float64: bisection on log z of core's igammaScalar, from near `guess`. */
function gammaQuantile(u: number, alpha: number, guess: number): number {
  const logGuess = Math.log(guess);
  return Math.exp(invertIncreasing((t) => igammaScalar(alpha, Math.exp(t)), u, logGuess - 0.5, logGuess + 0.5));
}

/** The von Mises(0, κ) quantile of u in float64: bisection of {@link vonMisesCdf64} on [−π, π]. */
function vonMisesQuantile(u: number, kappa: number): number {
  return invertIncreasing((x) => vonMisesCdf64(x, kappa)[0], u, -Math.PI, Math.PI);
}

/**
 * The paper's "explicit" alternative: central finite differences, step h = relativeStep·θ, of a numerical
 * inverse CDF (float64 bisection of the CDF) at the point's CDF level u = F(z; θ):
 * dz/dθ ≈ (F⁻¹(u; θ + h) − F⁻¹(u; θ − h))/(2h). Gamma: core's igammaScalar; von Mises: the Fourier series
 * {@link vonMisesCdf64}; Beta: x = G₁/(G₁ + G₀) with G₁ from the Gamma inverse (the difference of the two x
 * written without cancellation). O(points · bisection steps · CDF).
 */
function finiteDifference(
  name: DistributionName,
  points: readonly ReferencePoint[],
  relativeStep: number,
): Float64Array {
  return Float64Array.from(points, (p) => {
    const h = relativeStep * p.theta;
    if (name === 'vonMises') {
      const [u] = vonMisesCdf64(p.z, p.theta);
      return (vonMisesQuantile(u, p.theta + h) - vonMisesQuantile(u, p.theta - h)) / (2 * h);
    }
    const u = igammaScalar(p.theta, p.z);
    const [up, down] = [gammaQuantile(u, p.theta + h, p.z), gammaQuantile(u, p.theta - h, p.z)];
    if (name === 'gamma') return (up - down) / (2 * h);
    // x₊ − x₋ = G₀(G₁₊ − G₁₋)/((G₁₊ + G₀)(G₁₋ + G₀)): no cancellation where x is near 1.
    return (p.g0! * (up - down)) / ((up + p.g0!) * (down + p.g0!) * 2 * h);
  });
}

/**
 * Implicit reparameterization on the host in float64 (the same formula without float32 rounding): Gamma by
 * {@link gammaGradient64}, Beta by ∂x/∂a = G₀(∂G₁/∂a)/(G₁ + G₀)², von Mises by −(∂F/∂κ)/p with
 * {@link vonMisesCdf64}'s forward-mode derivative. O(points · series terms).
 */
function implicitFloat64(name: DistributionName, points: readonly ReferencePoint[]): Float64Array {
  return Float64Array.from(points, (p) => {
    if (name === 'vonMises') return -vonMisesCdf64(p.z, p.theta)[1] / vonMisesDensity64(p.z, p.theta);
    const dG = gammaGradient64(p.theta, p.z);
    return name === 'gamma' ? dG : (p.g0! * dG) / (p.z + p.g0!) ** 2;
  });
}

/**
 * The paper's other alternative, a piecewise approximation of the gradient: PyTorch's `Gamma.rsample` gradient
 * ({@link pytorchGammaGradient}, Taylor series / saddle point / fitted rational function), in float64; Beta by the
 * quotient rule ∂x/∂a = G₀(∂G₁/∂a)/(G₁ + G₀)² with it (PyTorch's own Beta goes through its Dirichlet gradient, a
 * different estimator whose value at fixed (G₁, G₀) is not this one). No von Mises: PyTorch has no von Mises
 * gradient, and TFP's (series and normal approximation) is what @proj/implicit-reparam implements. O(points).
 */
function piecewise(name: DistributionName, points: readonly ReferencePoint[]): Float64Array {
  return Float64Array.from(points, (p) => {
    const dG = pytorchGammaGradient(p.theta, p.z);
    return name === 'gamma' ? dG : (p.g0! * dG) / (p.z + p.g0!) ** 2;
  });
}

const ALL: readonly DistributionName[] = ['gamma', 'beta', 'vonMises'];

/** The compared methods, in table order. */
export const METHODS: readonly GradientMethod[] = [
  { label: 'implicit (tfjs, float32)', short: 'implicit', distributions: ALL, compute: implicitTfjs },
  { label: 'implicit (host, float64)', short: 'implicit64', distributions: ALL, compute: implicitFloat64 },
  { label: 'finite differences of inverse CDF (float64)', short: 'FD', distributions: ALL, compute: finiteDifference },
  {
    label: 'piecewise approximation (PyTorch, float64)',
    short: 'piecewise',
    distributions: ['gamma', 'beta'],
    compute: piecewise,
  },
];

/** The methods that exist for `name`, in table order. */
export function methodsFor(name: DistributionName): readonly GradientMethod[] {
  return METHODS.filter((m) => m.distributions.includes(name));
}
