import type * as tf from '@tensorflow/tfjs-core';
import { permute } from './permute.js';

/**
 * A tensor with a distinct label on every axis: the operands of {@link contract}. Tensor-network algorithms
 * (TT, tangent spaces, Tucker) are chains of pairwise contractions "sum over the shared labels", written with
 * labels so that each contraction can pick the operand layout that needs the fewest transposes; `tf.einsum`
 * is not an option (no wasm kernel, no gradient).
 *
 * `shape` is the logical shape (one size per label); `tensor` holds the same data in C order but may have any
 * shape of the same size, so that no reshape runs until a kernel needs one (each kernel call costs time).
 */
export interface Labeled {
  readonly tensor: tf.Tensor;
  readonly axes: readonly string[];
  readonly shape: readonly number[];
}

/**
 * Attaches labels to the axes of `tensor` (one per axis, distinct); `shape` defaults to the tensor's. No kernel
 * runs. O(rank).
 *
 * @throws Error when the labels are not distinct or `shape` does not hold `tensor.size` elements.
 */
export function label(tensor: tf.Tensor, axes: readonly string[], shape: readonly number[] = tensor.shape): Labeled {
  if (
    axes.length !== shape.length ||
    new Set(axes).size !== axes.length ||
    shape.reduce((a, b) => a * b, 1) !== tensor.size
  ) {
    throw new Error(
      `label: labels [${axes.join(',')}] with shape [${shape.join(',')}] do not fit a tensor of shape [${tensor.shape.join(',')}]`,
    );
  }
  return { tensor, axes, shape };
}

/** Size of the axis labelled `axis`. @throws Error when `x` has no such axis. */
export function axisSize(x: Labeled, axis: string): number {
  const index = x.axes.indexOf(axis);
  if (index < 0) throw new Error(`axisSize: no axis '${axis}' in [${x.axes.join(',')}]`);
  return x.shape[index]!;
}

/**
 * The data of `x` with its axes in `order` (a permutation of its labels), as a tensor of shape `outShape`
 * (default: the permuted logical shape): a reshape at most when the order is unchanged or only size-1 axes
 * move, else {@link permute}. One pass over the data per transpose.
 *
 * @throws Error when `order` is not a permutation of the labels of `x`.
 */
export function arrange(x: Labeled, order: readonly string[], outShape?: readonly number[]): tf.Tensor {
  const perm = order.map((axis) => x.axes.indexOf(axis));
  if (perm.length !== x.axes.length || perm.some((p) => p < 0) || new Set(perm).size !== perm.length) {
    throw new Error(`arrange: [${order.join(',')}] is not a permutation of [${x.axes.join(',')}]`);
  }
  return permute(x.tensor, x.shape, perm, outShape ?? perm.map((p) => x.shape[p]!));
}

/** Renames axes (same order); no kernel runs. */
export function relabel(x: Labeled, renames: Readonly<Record<string, string>>): Labeled {
  return label(
    x.tensor,
    x.axes.map((axis) => renames[axis] ?? axis),
    x.shape,
  );
}

/** Drops size-1 axes by label; no kernel runs. @throws Error when one of them has another size. */
export function squeezeAxes(x: Labeled, axes: readonly string[]): Labeled {
  axes.forEach((axis) => {
    if (axisSize(x, axis) !== 1) throw new Error(`squeezeAxes: axis '${axis}' has size ${axisSize(x, axis)}`);
  });
  const keep = x.axes.map((axis, i) => [axis, x.shape[i]!] as const).filter(([axis]) => !axes.includes(axis));
  return label(
    x.tensor,
    keep.map(([axis]) => axis),
    keep.map(([, size]) => size),
  );
}
