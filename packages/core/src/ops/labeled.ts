import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';
import { permuteData } from './permute.js';

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
 * @throws Error naming `label` when `tensor` is not a live tensor, the labels are not distinct strings, or
 *   `shape` is not non-negative integers holding `tensor.size` elements.
 */
export function label(tensor: tf.Tensor, axes: readonly string[], shape?: readonly number[]): Labeled {
  if (!(tensor instanceof tf.Tensor) || tensor.isDisposed) {
    throw new Error(`label: argument 'tensor' must be a tensor, got ${describeValue(tensor)}`);
  }
  if (!Array.isArray(axes) || !axes.every((axis) => typeof axis === 'string')) {
    throw new Error(`label: argument 'axes' must be an array of strings, got ${describeValue(axes)}`);
  }
  if (shape === undefined) shape = tensor.shape;
  if (!Array.isArray(shape) || !shape.every((size) => Number.isInteger(size) && size >= 0)) {
    throw new Error(`label: argument 'shape' must be an array of non-negative integers, got ${describeValue(shape)}`);
  }
  if (
    axes.length !== shape.length ||
    new Set(axes).size !== axes.length ||
    shape.reduce((a, b) => a * b, 1) !== tensor.size
  ) {
    throw new Error(
      `label: labels [${axes.join(',')}] with shape [${shape.join(',')}] do not fit a tensor of shape [${tensor.shape.join(',')}]`,
    );
  }
  return labeledData(tensor, axes, shape);
}

/**
 * Checks that `value` is a {@link Labeled} tensor (a live tensor, distinct string labels, a logical shape of
 * non-negative integers holding its size), for the ops that take one. O(rank).
 *
 * @throws Error naming `fn` and `arg`.
 */
export function assertLabeled(fn: string, arg: string, value: unknown): asserts value is Labeled {
  // Objects made by label() were checked when made (they are immutable): only their tensor may have died since.
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as Branded)[CHECKED] === value &&
    !(value as Labeled).tensor.isDisposed
  ) {
    return;
  }
  const x = value as Partial<Labeled> | null;
  const ok =
    x !== null &&
    typeof x === 'object' &&
    x.tensor instanceof tf.Tensor &&
    !x.tensor.isDisposed &&
    Array.isArray(x.axes) &&
    x.axes.every((axis) => typeof axis === 'string') &&
    new Set(x.axes).size === x.axes.length &&
    Array.isArray(x.shape) &&
    x.shape.length === x.axes.length &&
    x.shape.every((size) => Number.isInteger(size) && size >= 0) &&
    x.shape.reduce((a, b) => a * b, 1) === x.tensor.size;
  if (!ok) {
    throw new Error(
      `${fn}: argument '${arg}' must be a labeled tensor ({tensor, axes, shape}, as label() makes), got ${describeValue(value)}`,
    );
  }
}

/** Size of the axis labelled `axis`. @throws Error naming `axisSize` when `x` has no such axis. */
export function axisSize(x: Labeled, axis: string): number {
  assertLabeled('axisSize', 'x', x);
  const index = x.axes.indexOf(axis);
  if (index < 0) throw new Error(`axisSize: no axis '${axis}' in [${x.axes.join(',')}]`);
  return x.shape[index]!;
}

/**
 * The data of `x` with its axes in `order` (a permutation of its labels), as a tensor of shape `outShape`
 * (default: the permuted logical shape): a reshape at most when the order is unchanged or only size-1 axes
 * move, else {@link permute}. One pass over the data per transpose.
 *
 * @throws Error naming `arrange` when `order` is not a permutation of the labels of `x` or `outShape` does not
 *   hold the size of `x`.
 */
export function arrange(x: Labeled, order: readonly string[], outShape?: readonly number[]): tf.Tensor {
  assertLabeled('arrange', 'x', x);
  if (!Array.isArray(order)) {
    throw new Error(`arrange: argument 'order' must be an array of labels, got ${describeValue(order)}`);
  }
  const size = x.tensor.size;
  if (
    outShape !== undefined &&
    (!Array.isArray(outShape) ||
      !outShape.every((n) => Number.isInteger(n) && n >= 0) ||
      outShape.reduce((a, b) => a * b, 1) !== size)
  ) {
    throw new Error(
      `arrange: argument 'outShape' must be non-negative integers holding ${size} elements, got ${describeValue(outShape)}`,
    );
  }
  const perm = order.map((axis) => x.axes.indexOf(axis));
  if (perm.length !== x.axes.length || perm.some((p) => p < 0) || new Set(perm).size !== perm.length) {
    throw new Error(`arrange: [${order.join(',')}] is not a permutation of [${x.axes.join(',')}]`);
  }
  return permuteData(x.tensor, x.shape, perm, outShape ?? perm.map((p) => x.shape[p]!));
}

/**
 * {@link arrange} without the argument checks, for callers in the ops layer (contract) whose `order` is a
 * permutation of the labels of an operand they checked and whose `outShape` holds its size.
 */
export function arrangeData(x: Labeled, order: readonly string[], outShape: readonly number[]): tf.Tensor {
  return permuteData(
    x.tensor,
    x.shape,
    order.map((axis) => x.axes.indexOf(axis)),
    outShape,
  );
}

/** {@link axisSize} without the argument check, for the ops layer (`axis` is a label of a checked `x`). */
export function axisSizeData(x: Labeled, axis: string): number {
  return x.shape[x.axes.indexOf(axis)]!;
}

/**
 * Marks labeled tensors checked when made (by {@link label} or {@link labeledData}): a symbol key holding the
 * object itself, which `tf.tidy` and JSON ignore and which a copy (`{...x, axes}`) does not pass, so a copy is
 * checked again. Cheaper than a WeakSet on the hot path of every contraction.
 */
const CHECKED = Symbol('checked by label()');
type Branded = { [CHECKED]?: unknown };

/** A {@link Labeled} from parts the ops layer built consistent (no checks), marked as checked. O(1). */
export function labeledData(tensor: tf.Tensor, axes: readonly string[], shape: readonly number[]): Labeled {
  const x: Labeled & Branded = { tensor, axes, shape };
  x[CHECKED] = x;
  return x;
}

/**
 * Renames axes (same order); no kernel runs.
 *
 * @throws Error naming `relabel` for a bad `x`, `renames` that is not an object of strings, or names that
 *   collide.
 */
export function relabel(x: Labeled, renames: Readonly<Record<string, string>>): Labeled {
  assertLabeled('relabel', 'x', x);
  if (
    renames === null ||
    typeof renames !== 'object' ||
    Array.isArray(renames) ||
    !Object.values(renames).every((name) => typeof name === 'string')
  ) {
    throw new Error(`relabel: argument 'renames' must be an object of new label names, got ${describeValue(renames)}`);
  }
  const axes = x.axes.map((axis) => (Object.hasOwn(renames, axis) ? renames[axis]! : axis));
  if (new Set(axes).size !== axes.length) {
    throw new Error(`relabel: renaming [${x.axes.join(',')}] gives repeated labels [${axes.join(',')}]`);
  }
  return labeledData(x.tensor, axes, x.shape);
}

/**
 * Drops size-1 axes by label; no kernel runs.
 *
 * @throws Error naming `squeezeAxes` when one of them is missing or has another size.
 */
export function squeezeAxes(x: Labeled, axes: readonly string[]): Labeled {
  assertLabeled('squeezeAxes', 'x', x);
  if (!Array.isArray(axes)) {
    throw new Error(`squeezeAxes: argument 'axes' must be an array of labels, got ${describeValue(axes)}`);
  }
  axes.forEach((axis) => {
    const index = x.axes.indexOf(axis);
    if (index < 0) throw new Error(`squeezeAxes: no axis '${String(axis)}' in [${x.axes.join(',')}]`);
    if (x.shape[index] !== 1) throw new Error(`squeezeAxes: axis '${axis}' has size ${x.shape[index]}`);
  });
  const keep = x.axes.map((axis, i) => [axis, x.shape[i]!] as const).filter(([axis]) => !axes.includes(axis));
  return labeledData(
    x.tensor,
    keep.map(([axis]) => axis),
    keep.map(([, size]) => size),
  );
}
