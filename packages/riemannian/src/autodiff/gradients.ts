import { tidyObject } from '@proj/core/ops';
import type { TensorTrain } from '@proj/tt';
import {
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
 * invariant. Ranks above the mode sizes are lowered to their natural bounds (T3F #154 fails there).
 *
 * Complexity: O(d·n·r³) to orthogonalize X (skipped for a {@link TangentSpace}) + one forward and one reverse
 * pass of f at ranks 2r + O(d·n·r²) for the gauge projection; + one more evaluation of f for the check.
 *
 * @param f X ↦ scalar tensor.
 * @param x the point X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @param options `runtimeCheck` (default true).
 * @returns the Riemannian gradient as a {@link TangentVector} at X.
 * @throws Error naming `gradients` for a non-function f, a bad point, a non-scalar f, an f that does not
 *   depend on x, or a failed runtime check.
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
  const tolerance = checkTolerances(options.runtimeCheck, fn);
  return tidyObject(() => {
    const space = spaceFor(x);
    const { value, grads } = valueAndGradsOf(parametrized(f, space, fn), initialDeltas(space), fn);
    if (tolerance !== undefined) runRuntimeCheck(f, point, value.dataSync()[0]!, tolerance, fn);
    return vectorFromDeltas(space, gaugeDeltas(space, grads), undefined);
  }) as TangentVector<TensorTrain>;
}
