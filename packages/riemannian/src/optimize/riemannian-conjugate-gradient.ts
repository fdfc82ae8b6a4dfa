import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import { concatAlongBatchDim, type TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import type { TTFunction } from '../autodiff/options.js';
import { sliceDeltas } from '../internal/blocks.js';
import { flatDeltas, innerProjected } from '../internal/coordinates.js';
import { shown } from '../internal/describe.js';
import { type DirectionRule, runOptimizer } from '../internal/optimizer-loop.js';
import { copyVector, negated, vectorFromDeltas } from '../internal/vector.js';
import { project } from '../project/project.js';
import type { TangentVector } from '../tangent-vector.js';
import {
  OPTIMIZER_OPTION_KEYS,
  type OptimizationResult,
  type RiemannianOptimizerOptions,
  type StopReason,
} from './options.js';

/** Options of {@link riemannianConjugateGradient}. */
export interface ConjugateGradientOptions extends RiemannianOptimizerOptions {
  /**
   * β_k: `'polak-ribiere'` (default; PR+, β = max(0, ⟨g_k, g_k − 𝒯g_{k−1}⟩/‖g_{k−1}‖²)) or `'fletcher-reeves'`
   * (β = ‖g_k‖²/‖g_{k−1}‖²).
   */
  readonly beta?: 'polak-ribiere' | 'fletcher-reeves';
  /** Restart with −grad f every this many iterations; default never (only when η_k is not a descent direction). */
  readonly restartEvery?: number;
}

/**
 * Riemannian nonlinear conjugate gradients on the manifold of TT objects of fixed TT-rank (beyond T3F):
 * η_k = −grad f(x_k) + β_k·𝒯(η_{k−1}), x_{k+1} = R_{x_k}(t_k·η_k), with vector transport 𝒯 by projection onto
 * the new tangent space ({@link project}), β_k by Polak–Ribière+ (default) or Fletcher–Reeves, the retraction
 * by rounding and Armijo backtracking. η_k is reset to −grad f(x_k) when it is not a descent direction
 * (⟨grad f, η_k⟩ ≥ 0) and every `restartEvery` iterations.
 *
 * Loop, stopping rules, records and progress are those of {@link riemannianGradientDescent}; each record's
 * `restarted` tells whether η_k was reset. With the default `'adaptive'` initial step the line search starts
 * from Nocedal–Wright's interpolated step; for least squares pass the exact step of the quadratic model as
 * `lineSearch.initialStep` (Steinlechner 2016).
 *
 * Complexity per iteration: that of gradient descent plus one projection of a batch of two rank-2r TTs
 * (O(d·n·r³)) for the transport.
 *
 * @param f x ↦ scalar tensor, representation-invariant and differentiable (see {@link gradients}).
 * @param x0 the starting point: a TensorTrain with d ≥ 2 cores.
 * @param options those of gradient descent plus `beta` and `restartEvery`.
 * @returns an {@link OptimizationResult}.
 * @throws Error naming `riemannianConjugateGradient` for a bad f, x0 (also one with NaN or infinite entries) or
 *   option (also an unknown one), and for the errors of `gradients` (a failed runtime check, at the first
 *   iterate). A non-finite objective or gradient ends the run with reason `nonFiniteObjective` or
 *   `nonFiniteGradient` (see {@link StopReason}).
 * @example
 * const { x } = riemannianConjugateGradient(f, x0, { maxIterations: 200, gradientTolerance: 1e-5 });
 * @see P.-A. Absil, R. Mahony, R. Sepulchre, Optimization Algorithms on Matrix Manifolds, Princeton 2008,
 *   §8.3 (Algorithm 13, vector transport §8.1); M. Steinlechner, "Riemannian optimization for high-dimensional
 *   tensor completion", SIAM J. Sci. Comput. 38(5), 2016 (Algorithm 1).
 * @category Optimization
 */
export function riemannianConjugateGradient(
  f: TTFunction,
  x0: TensorTrain,
  options: ConjugateGradientOptions = {},
): OptimizationResult {
  const fn = 'riemannianConjugateGradient';
  const keys = [...OPTIMIZER_OPTION_KEYS, 'beta', 'restartEvery'];
  assertOptions(fn, options, keys);
  const { beta = 'polak-ribiere', restartEvery } = options;
  if (beta !== 'polak-ribiere' && beta !== 'fletcher-reeves') {
    throw new Error(`${fn}: option 'beta' must be 'polak-ribiere' or 'fletcher-reeves', got ${shown(beta)}`);
  }
  if (restartEvery !== undefined && !(Number.isInteger(restartEvery) && restartEvery > 0)) {
    throw new Error(`${fn}: option 'restartEvery' must be a positive integer, got ${shown(restartEvery)}`);
  }
  return runOptimizer(f, x0, options, conjugateDirections(beta, restartEvery), fn, keys);
}

/** The CG direction rule; keeps handles on the previous gradient and direction. */
function conjugateDirections(
  beta: 'polak-ribiere' | 'fletcher-reeves',
  restartEvery: number | undefined,
): DirectionRule {
  let previous:
    | { gradient: TangentVector<TensorTrain>; direction: TangentVector<TensorTrain>; squaredNorm: number }
    | undefined;
  const forget = () => {
    previous?.gradient.dispose();
    previous?.direction.dispose();
    previous = undefined;
  };
  return {
    next(gradient, iteration) {
      const squaredNorm = innerProjected(gradient, gradient);
      let direction: TangentVector<TensorTrain> | undefined;
      if (previous !== undefined && (restartEvery === undefined || iteration % restartEvery !== 0)) {
        direction = conjugate(gradient, previous, squaredNorm, beta);
        if (innerProjected(gradient, direction) >= 0) {
          direction.dispose();
          direction = undefined;
        }
      }
      const restarted = direction === undefined;
      const chosen = direction ?? negated(gradient);
      forget();
      previous = { gradient: copyVector(gradient), direction: copyVector(chosen), squaredNorm };
      return { direction: chosen, restarted };
    },
    dispose: forget,
  };
}

/** −g_k + β·𝒯(η_{k−1}), with 𝒯 the projection onto g_k's tangent space. */
function conjugate(
  gradient: TangentVector<TensorTrain>,
  previous: { gradient: TangentVector<TensorTrain>; direction: TangentVector<TensorTrain>; squaredNorm: number },
  squaredNorm: number,
  rule: 'polak-ribiere' | 'fletcher-reeves',
): TangentVector<TensorTrain> {
  return tidyObject(() => {
    const transported = project(concatAlongBatchDim([previous.gradient.tt, previous.direction.tt]), gradient.space);
    const [overlap] = tf.matMul(flatDeltas(gradient), tf.transpose(flatDeltas(transported))).dataSync();
    const beta =
      rule === 'fletcher-reeves'
        ? squaredNorm / previous.squaredNorm
        : Math.max(0, (squaredNorm - overlap!) / previous.squaredNorm);
    const own = sliceDeltas(gradient.space, gradient.tt.cores, false);
    const moved = sliceDeltas(transported.space, transported.tt.cores, true);
    const deltas = own.map((delta, k) =>
      tf.sub(tf.mul(beta, tf.reshape(tf.slice(moved[k]!, 1, 1), delta.shape)), delta),
    );
    return vectorFromDeltas(gradient.space.clone(), deltas, undefined) as TangentVector<TensorTrain>;
  });
}
