import { assertOptions } from '@proj/core';
import { cleanTapeOnError, tidyObject } from '@proj/core/ops';
import { TensorTrain } from '@proj/tt';
import type * as tf from '@tensorflow/tfjs-core';
import {
  AUTODIFF_OPTION_KEYS,
  assertFunction,
  checkTolerances,
  initialDeltas,
  parametrized,
  runRuntimeCheck,
  valueAndGradsOf,
} from '../internal/autodiff.js';
import { gaugeDeltas } from '../internal/blocks.js';
import { assertWhere, spaceFor } from '../internal/space.js';
import { vectorFromDeltas } from '../internal/vector.js';
import type { TangentSpace } from '../tangent-space.js';
import type { TangentVector } from '../tangent-vector.js';
import type { AutodiffOptions, TTFunction } from './options.js';

/**
 * The Riemannian gradient P_X(∇f(X)) of a function of a TT object on the manifold of X's TT-ranks, by one
 * reverse pass through f (T3F `gradients`; Novikov–Rakhuba–Oseledets 2021).
 *
 * f is evaluated on the tangent-space parametrization F(δ) = f(Σ_k U_{<k}·δ_k·V_{>k}) at δ₀ = [V_1, 0, …, 0],
 * where it equals f(X); one `tf.valueAndGrads` gives ∂F/∂δ_k = U_{<k}ᵀ·∇f(X)·V_{>k}ᵀ, which after the gauge
 * projection (I − U_kU_kᵀ) (k < d) are the blocks of P_X(∇f(X)). The dense gradient is never formed: the cost
 * is a small constant times that of evaluating f (f sees a TT of ranks 2r instead of r).
 *
 * f must be representation-invariant (depend on the tensor, not on its cores) and built from differentiable
 * `@proj/tt` ops (full, flatInner, add, multiply, matmul, gatherND, bilinearForm,
 * frobeniusNormSquared({differentiable: true}), …); `round`, `orthogonalize`, `project` or reading cores are
 * not. The runtime check (default on) compares f(X) with F(δ₀) and throws for a function that is not
 * invariant; its verdict comes before the reverse pass's errors (an f that reads only some cores is reported
 * as not invariant, not as not depending on x). Ranks above the mode sizes are lowered to their natural bounds
 * (T3F #154 fails there). Non-finite values are not checked: an f that is NaN or ±Infinity at X gives a
 * vector of NaN/Infinity (tfjs semantics; the optimizers stop with `nonFiniteObjective` instead).
 * Memory-neutral on every path, errors included (tfjs would keep the tensors its tape saved).
 *
 * Complexity: O(d·n·r³) to orthogonalize X (skipped for a {@link TangentSpace}) + one forward and one reverse
 * pass of f at ranks 2r + O(d·n·r²) for the gauge projection; + one more evaluation of f for the check.
 *
 * @param f X ↦ scalar tensor.
 * @param x the point X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @param options `runtimeCheck` (default true).
 * @returns the Riemannian gradient as a {@link TangentVector} at X.
 * @throws Error naming `gradients` for a non-function f, a bad point, an unknown or bad option, a non-scalar
 *   f, a failed runtime check, or an f that does not depend on x.
 * @example
 * const g = gradients((x) => tf.mul(0.5, frobeniusNormSquared(subtract(x, a), { differentiable: true })), x);
 * // g equals project(subtract(x, a), x)
 * @see A. Novikov, M. Rakhuba, I. Oseledets, "Automatic differentiation for Riemannian optimization on
 *   low-rank matrix and tensor-train manifolds", arXiv:2103.14974, 2021, §3 (Algorithm 1); T3F `t3f.gradients`.
 * @category Autodiff
 */
export function gradients(
  f: TTFunction,
  x: TensorTrain | TangentSpace,
  options: AutodiffOptions = {},
): TangentVector<TensorTrain> {
  const fn = 'gradients';
  assertFunction(f, fn);
  const point = assertWhere(x, fn, 'x');
  assertOptions(fn, options, AUTODIFF_OPTION_KEYS);
  const tolerance = checkTolerances(options?.runtimeCheck, fn);
  return riemannianGradient(f, x, tolerance, fn, point);
}

/**
 * {@link gradients} on checked arguments, its errors naming `fn` (the optimizers use it under their own name).
 * `tolerance` undefined turns the runtime check off.
 */
export function riemannianGradient(
  f: TTFunction,
  x: TensorTrain | TangentSpace,
  tolerance: { readonly rtol: number; readonly atol: number } | undefined,
  fn: string,
  point: TensorTrain = x instanceof TensorTrain ? x : x.point,
): TangentVector<TensorTrain> {
  return cleanTapeOnError(() =>
    tidyObject(() => {
      const space = spaceFor(x);
      const parametrization = parametrized(f, space, fn);
      // F(δ₀) is read in the forward pass, so that the runtime check can run before any error of the reverse
      // pass is reported (as in hessianVectorProduct): a non-invariant f that misses some cores must fail the
      // check, not be reported as "does not depend on x".
      let forward: number | undefined;
      const recorded = (...deltas: tf.Tensor[]) => {
        const value = parametrization(...deltas);
        forward = value.dataSync()[0]!;
        return value;
      };
      let grads: tf.Tensor[];
      try {
        grads = valueAndGradsOf(recorded, initialDeltas(space), fn).grads;
      } catch (error) {
        if (tolerance !== undefined && forward !== undefined) runRuntimeCheck(f, point, forward, tolerance, fn);
        throw error;
      }
      if (tolerance !== undefined) runRuntimeCheck(f, point, forward!, tolerance, fn);
      return vectorFromDeltas(space, gaugeDeltas(space, grads), undefined);
    }),
  ) as TangentVector<TensorTrain>;
}
