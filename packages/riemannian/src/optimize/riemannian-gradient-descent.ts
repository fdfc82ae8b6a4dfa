import type { TensorTrain } from '@proj/tt';
import type { TTFunction } from '../autodiff/options.js';
import { runOptimizer } from '../internal/optimizer-loop.js';
import { negated } from '../internal/vector.js';
import type { OptimizationResult, RiemannianOptimizerOptions, StopReason } from './options.js';

/**
 * Riemannian gradient descent on the manifold of TT objects of fixed TT-rank (beyond T3F, whose tutorial
 * writes the loop by hand): x_{k+1} = R_{x_k}(−t_k·grad f(x_k)) with the Riemannian gradient from
 * {@link gradients} (or `options.gradient`), the retraction by rounding ({@link retract}) and an Armijo
 * backtracking line search for t_k (Absil–Mahony–Sepulchre Algorithm 1; every limit point is critical).
 *
 * Stops at `maxIterations` steps, when ‖grad f‖ ≤ `gradientTolerance`, when the relative change of f is at
 * most `valueTolerance`, when the line search fails, when f or its gradient is not finite (reasons
 * `nonFiniteObjective`, `nonFiniteGradient`; see {@link StopReason}), or when the callback says so; returns the
 * last iterate and the history (one record per iterate). Progress goes to `options.reporter` (a `ProgressReporter` of `@proj/core`; silent by default).
 * Memory-neutral: intermediate TT objects are freed; the caller owns the returned point, not x0.
 *
 * Complexity per iteration: one Riemannian gradient (a small constant times one evaluation of f at ranks 2r,
 * plus O(d·n·r³) for the tangent space) and, per trial step, one rounding of a rank-2r TT (O(d·n·r³)) and one
 * evaluation of f.
 *
 * @param f x ↦ scalar tensor, representation-invariant and differentiable (see {@link gradients}).
 * @param x0 the starting point: a TensorTrain with d ≥ 2 cores; its ranks are those of the manifold.
 * @param options stopping rules, line search, gradient, progress; see {@link RiemannianOptimizerOptions}.
 * @returns an {@link OptimizationResult}.
 * @throws Error naming `riemannianGradientDescent` for a bad f, x0 (also one with NaN or infinite entries) or
 *   option (also an unknown one), for what the callbacks return that they must not (see
 *   {@link RiemannianOptimizerOptions}), and for the errors of `gradients` under its own name (a failed runtime
 *   check, at the first iterate).
 * @example
 * const { x, history } = riemannianGradientDescent(
 *   (x) => tf.mul(0.5, frobeniusNormSquared(subtract(x, a), { differentiable: true })),
 *   x0,
 *   { maxIterations: 100, lineSearch: { initialStep: 1 } },
 * );
 * @see P.-A. Absil, R. Mahony, R. Sepulchre, Optimization Algorithms on Matrix Manifolds, Princeton 2008,
 *   §4.2 (Algorithm 1, Theorem 4.3.1); M. Steinlechner, "Riemannian optimization for high-dimensional tensor
 *   completion", SIAM J. Sci. Comput. 38(5), 2016.
 * @category Optimization
 */
export function riemannianGradientDescent(
  f: TTFunction,
  x0: TensorTrain,
  options: RiemannianOptimizerOptions = {},
): OptimizationResult {
  return runOptimizer(
    f,
    x0,
    options,
    { next: (gradient) => ({ direction: negated(gradient), restarted: false }), dispose() {} },
    'riemannianGradientDescent',
  );
}
