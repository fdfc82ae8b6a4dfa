import { assertOptions } from '@proj/core';
import { cleanTapeOnError, tidyObject } from '@proj/core/ops';
import { TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { assertVector } from '../internal/assert.js';
import {
  AUTODIFF_OPTION_KEYS,
  assertFunction,
  checkTolerances,
  initialDeltas,
  parametrized,
  runRuntimeCheck,
  valueAndGradsOf,
} from '../internal/autodiff.js';
import { gaugeDeltas, sliceDeltas } from '../internal/blocks.js';
import { describe } from '../internal/describe.js';
import { ttOperand } from '../internal/operands.js';
import { combineBlocks, projectionSweep } from '../internal/projection-sweep.js';
import { assertShapeOfPoint, assertWhere, spaceFor } from '../internal/space.js';
import { vectorFromDeltas } from '../internal/vector.js';
import type { TangentSpace } from '../tangent-space.js';
import { TangentVector } from '../tangent-vector.js';
import type { AutodiffOptions, TTFunction } from './options.js';

/**
 * The product P_X·∇²f(X)·P_X·v of the Euclidean Hessian of f, sandwiched between tangent-space projections,
 * with a vector v, by two reverse passes through f (T3F `hessian_vector_product`; Novikov–Rakhuba–Oseledets
 * 2021). This is the Riemannian Hessian without its curvature (Weingarten) term, the approximation used by
 * Riemannian Newton and trust-region methods on low-rank manifolds (the omitted term has the inverse singular
 * values of X's unfoldings and is unstable for small ones).
 *
 * With F(δ) = f(Σ_k U_{<k}·δ_k·V_{>k}) (linear in δ, see {@link gradients}) and ν the blocks of P_X(v), the
 * second reverse pass differentiates G(δ) = Σ_k ⟨∂F/∂δ_k(δ), ν_k⟩ at δ₀; its gradient is U_{<k}ᵀ·∇²f·P_X(v)·V_{>k}ᵀ,
 * gauge-projected into the blocks of the result.
 *
 * Complexity: O(d·n·r³) for the orthogonalization (skipped for a {@link TangentSpace}) and for projecting a
 * plain TT v, plus a forward and two reverse passes of f at ranks 2r (about twice the cost of `gradients`).
 *
 * @param f X ↦ scalar tensor, representation-invariant and twice differentiable (see {@link gradients}).
 * @param x the point X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @param vector v: a TensorTrain with X's raw shape (projected first), or a single {@link TangentVector} at X.
 * @param options `runtimeCheck` (default true).
 * @returns P_X·∇²f(X)·P_X·v as a {@link TangentVector} at X.
 * @throws Error naming `hessianVectorProduct` for the errors of {@link gradients}, a batch or mis-shaped v, or a
 *   tangent vector at another point. Memory-neutral on every path, errors included; non-finite values are not
 *   checked (see {@link gradients}).
 * @example
 * const hv = hessianVectorProduct((x) => tf.square(flatInner(x, a)), x, v);
 * @see A. Novikov, M. Rakhuba, I. Oseledets, "Automatic differentiation for Riemannian optimization on
 *   low-rank matrix and tensor-train manifolds", arXiv:2103.14974, 2021, §4; T3F `hessian_vector_product`;
 *   P.-A. Absil, R. Mahony, R. Sepulchre, Optimization Algorithms on Matrix Manifolds, Princeton 2008, §5.5.
 * @category Autodiff
 */
export function hessianVectorProduct(
  f: TTFunction,
  x: TensorTrain | TangentSpace,
  vector: TensorTrain | TangentVector,
  options: AutodiffOptions = {},
): TangentVector<TensorTrain> {
  const fn = 'hessianVectorProduct';
  assertFunction(f, fn);
  const point = assertWhere(x, fn, 'x');
  if (vector instanceof TangentVector) {
    assertVector(vector, fn, 'vector');
    if (vector.point !== point) {
      throw new Error(
        `${fn}: argument 'vector' is a tangent vector at another point than 'x'; pass vector.tt to project it, or project(vector, x)`,
      );
    }
  } else if (!(vector instanceof TensorTrain)) {
    throw new Error(`${fn}: argument 'vector' must be a TensorTrain or a TangentVector, got ${describe(vector)}`);
  }
  const v = vector instanceof TangentVector ? vector.tt : vector;
  if (!(v instanceof TensorTrain)) {
    throw new Error(`${fn}: argument 'vector' must be a single tangent vector, got a batch`);
  }
  assertShapeOfPoint(v, point, fn, 'vector');
  assertOptions(fn, options, AUTODIFF_OPTION_KEYS);
  const tolerance = checkTolerances(options?.runtimeCheck, fn);
  return cleanTapeOnError(() =>
    tidyObject(() => {
      const space = spaceFor(x);
      const direction =
        vector instanceof TangentVector
          ? sliceDeltas(space, v.cores, false)
          : combineBlocks(space, projectionSweep(space, ttOperand(v)));
      const parametrization = parametrized(f, space, fn);
      const gradient = tf.grads(parametrization);
      const directional = (...deltas: tf.Tensor[]) =>
        tf.addN(gradient(deltas).map((g, k) => tf.sum(tf.mul(g, tf.reshape(direction[k]!, g.shape))))) as tf.Scalar;
      const start = initialDeltas(space);
      if (tolerance !== undefined) {
        runRuntimeCheck(
          f,
          point,
          tf.tidy(() => parametrization(...start).dataSync()[0]!),
          tolerance,
          fn,
        );
      }
      const { grads } = valueAndGradsOf(directional, start, fn);
      return vectorFromDeltas(space, gaugeDeltas(space, grads), undefined);
    }),
  ) as TangentVector<TensorTrain>;
}
