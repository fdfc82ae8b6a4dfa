import { assertOptions } from '@proj/core';
import { alias } from '@proj/core/ops';
import { TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import type { RuntimeCheckTolerance, TTFunction } from '../autodiff/options.js';
import type { TangentSpace } from '../tangent-space.js';
import { assembleCores } from './blocks.js';
import { shown } from './describe.js';

/** The option keys of `gradients` and `hessianVectorProduct`. */
export const AUTODIFF_OPTION_KEYS = ['runtimeCheck'] as const;

/**
 * The resolved tolerances of a `runtimeCheck` option, or undefined when the check is off.
 *
 * @throws Error naming `fn` for anything but a boolean or an object {rtol?, atol?} of non-negative numbers.
 */
export function checkTolerances(
  runtimeCheck: unknown,
  fn: string,
): { readonly rtol: number; readonly atol: number } | undefined {
  if (runtimeCheck === false) return undefined;
  if (runtimeCheck === undefined || runtimeCheck === true) return { rtol: 1e-3, atol: 1e-6 };
  if (typeof runtimeCheck !== 'object' || runtimeCheck === null || Array.isArray(runtimeCheck)) {
    const got = Array.isArray(runtimeCheck) ? 'an array' : shown(runtimeCheck);
    throw new Error(`${fn}: option 'runtimeCheck' must be a boolean or {rtol, atol}, got ${got}`);
  }
  assertOptions(`${fn}: option 'runtimeCheck'`, runtimeCheck, ['rtol', 'atol']);
  const { rtol = 1e-3, atol = 1e-6 } = runtimeCheck as RuntimeCheckTolerance;
  if (!(typeof rtol === 'number' && rtol >= 0) || !(typeof atol === 'number' && atol >= 0)) {
    throw new Error(
      `${fn}: option 'runtimeCheck' needs non-negative numbers rtol and atol, got rtol=${shown(rtol)}, atol=${shown(atol)}`,
    );
  }
  return { rtol, atol };
}

/** Checks that `f` is a function. */
export function assertFunction(f: unknown, fn: string): asserts f is TTFunction {
  if (typeof f !== 'function') throw new Error(`${fn}: argument 'f' must be a function of a TensorTrain`);
}

/** f's value as a float32 scalar tensor. */
export function scalarValue(value: unknown, fn: string): tf.Scalar {
  if (!(value instanceof tf.Tensor) || value.isDisposed || value.size !== 1 || value.dtype !== 'float32') {
    const got =
      value instanceof tf.Tensor
        ? value.isDisposed
          ? 'a disposed tensor'
          : value.size === 1
            ? `a ${value.dtype} tensor`
            : `a tensor of shape [${value.shape.join(',')}]`
        : shown(value);
    throw new Error(`${fn}: f must return a scalar tensor, got ${got}`);
  }
  return tf.reshape(value, []) as tf.Scalar;
}

/**
 * δ₀ = [V_1, 0, …, 0]: the blocks at which the parametrization δ ↦ Σ_k U_{<k}·δ_k·V_{>k} passes through x
 * itself (x = V_1·V_2⋯V_d). Call inside a tidy.
 */
export function initialDeltas(space: TangentSpace): tf.Tensor[] {
  return space.right.cores.map((core, k) => (k === 0 ? alias(core) : tf.zerosLike(core)));
}

/** F(δ) = f(Σ_k U_{<k}·δ_k·V_{>k}), a scalar: the function Riemannian autodiff differentiates. */
export function parametrized(f: TTFunction, space: TangentSpace, fn: string): (...deltas: tf.Tensor[]) => tf.Scalar {
  return (...deltas) => scalarValue(f(new TensorTrain(assembleCores(space, deltas, undefined))), fn);
}

/**
 * Compares F(δ₀) (read back) with f(x), evaluated here.
 *
 * @throws Error naming `fn` when they differ beyond the tolerances: f is not representation-invariant.
 */
export function runRuntimeCheck(
  f: TTFunction,
  point: TensorTrain,
  parametrizedValue: number,
  tolerance: { readonly rtol: number; readonly atol: number },
  fn: string,
): void {
  if (point.cores.some((core) => core.isDisposed)) {
    throw new Error(
      `${fn}: the runtime check needs f(x), but the point's cores were disposed (pass runtimeCheck: false)`,
    );
  }
  const direct = tf.tidy(() => scalarValue(f(point), fn).dataSync()[0]!);
  const scale = Math.max(Math.abs(direct), Math.abs(parametrizedValue));
  const agree =
    Object.is(direct, parametrizedValue) ||
    Math.abs(direct - parametrizedValue) <= tolerance.atol + tolerance.rtol * scale;
  if (!agree) {
    throw new Error(
      `${fn}: f is not invariant to the TT representation of its argument: f(x) = ${direct}, but f at the same tensor ` +
        `with other cores (the tangent-space parametrization of rank 2r) = ${parametrizedValue} ` +
        `(rtol ${tolerance.rtol}, atol ${tolerance.atol}). f must use x only through representation-invariant ops ` +
        `(full, flatInner, add, subtract, multiply, matmul, gatherND, bilinearForm, frobeniusNormSquared with ` +
        `differentiable: true, …), never read x.cores or call round, orthogonalize or project. ` +
        `If f is invariant but loses accuracy to cancellation, loosen {runtimeCheck: {rtol, atol}} or turn it off.`,
    );
  }
}

/** `tf.valueAndGrads`, with tfjs's "cannot compute gradient" error reworded for f. */
export function valueAndGradsOf(
  g: (...deltas: tf.Tensor[]) => tf.Scalar,
  at: tf.Tensor[],
  fn: string,
): { value: tf.Scalar; grads: tf.Tensor[] } {
  try {
    return tf.valueAndGrads(g)(at);
  } catch (error) {
    if (error instanceof Error && /Cannot compute gradient/.test(error.message)) {
      throw new Error(`${fn}: f does not depend on x through differentiable operations (${error.message})`);
    }
    throw error;
  }
}
