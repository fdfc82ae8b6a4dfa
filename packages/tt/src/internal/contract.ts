import * as tf from '@tensorflow/tfjs-core';
import { permute, permuteCost } from './permute.js';

/**
 * A tensor with a distinct label on every axis. TT algorithms here are chains of pairwise contractions
 * ("sum over the shared labels"), written with labels so that each contraction can pick the operand layout
 * that needs the fewest transposes; tf.einsum is not an option (no wasm kernel, no gradient).
 *
 * `shape` is the logical shape (one size per label); `tensor` holds the same data in C order but may have any
 * shape of the same size, so that no reshape runs until a kernel needs one (each op call costs time).
 */
export interface Labeled {
  readonly tensor: tf.Tensor;
  readonly axes: readonly string[];
  readonly shape: readonly number[];
}

/** Attaches labels to the axes of `tensor` (one per axis, distinct); `shape` defaults to the tensor's. */
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

/** Size of the axis labelled `axis`. */
export function axisSize(x: Labeled, axis: string): number {
  const index = x.axes.indexOf(axis);
  if (index < 0) throw new Error(`axisSize: no axis '${axis}' in [${x.axes.join(',')}]`);
  return x.shape[index]!;
}

/**
 * The data of `x` with its axes in `order` (a permutation of its labels), as a tensor of shape `outShape`
 * (default: the permuted logical shape): a reshape at most when the order is unchanged or only size-1 axes
 * move, else {@link permute} (transposes of at most 4 axes).
 */
export function arrange(x: Labeled, order: readonly string[], outShape?: readonly number[]): tf.Tensor {
  const perm = order.map((axis) => x.axes.indexOf(axis));
  if (perm.length !== x.axes.length || perm.some((p) => p < 0) || new Set(perm).size !== perm.length) {
    throw new Error(`arrange: [${order.join(',')}] is not a permutation of [${x.axes.join(',')}]`);
  }
  return permute(x.tensor, x.shape, perm, outShape ?? perm.map((p) => x.shape[p]!));
}

/** Relabels axes (same order). */
export function relabel(x: Labeled, renames: Readonly<Record<string, string>>): Labeled {
  return label(
    x.tensor,
    x.axes.map((axis) => renames[axis] ?? axis),
    x.shape,
  );
}

/** Drops size-1 axes by label (no data moves, no op runs). */
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

/** Options of {@link contract}. */
export interface ContractOptions {
  /** The label of the batch axis, if any. */
  readonly batch?: string;
  /**
   * Whether XNNPACK's packing of `y` is cached across calls (default true: `y` is a core that persists, used in
   * one layout). False when the same data is also packed in another layout, where the weights guard of
   * `@proj/core` copies it on every call.
   */
  readonly yPacked?: boolean;
  /**
   * What happens to the result next, so that its layout can be chosen to suit it: `order`, the caller arranges
   * it to exactly this order; `summed`, it is contracted next over those of these labels it has (batched over
   * `batch` when given).
   */
  readonly next?:
    | { readonly order: readonly string[] }
    | { readonly summed: readonly string[]; readonly batch?: string };
}

/**
 * Σ over the labels `x` and `y` share of x·y (a pairwise einsum), as ONE matMul of the operands arranged into
 * matrices (reshapes, and a {@link permute} where the axes must move). Labels in one operand only are free and kept; `batch`, when present in both with
 * a size above 1, is a batch axis: element b of the result contracts element b of each operand (one batched
 * product, never a loop). An operand without the batch label is shared by all elements, and its product is a
 * plain 2-D matMul with the batch folded into the rows.
 *
 * The layout (which operand goes left, the order of the summed axes) is the one with the lowest estimated time
 * ({@link COST}): transposes, on wasm XNNPACK's packing of the right operand (the weights of a 2-D matMul, the
 * filter of the grouped product) and the grouped product's speed, which drops for few output columns; plus,
 * given `next`, the cost of bringing the result into the layout its next use needs. XNNPACK caches the packing
 * per tensor data, so packing `y` untransposed is free after the first call: `x` is meant to be the running
 * intermediate, `y` a core. Read the layout of the result from its labels. Call inside tf.tidy (the
 * intermediate reshapes are not disposed here).
 */
export function contract(x: Labeled, y: Labeled, options: ContractOptions = {}): Labeled {
  const { batch, yPacked = true, next } = options;
  const inBoth = batch !== undefined && x.axes.includes(batch) && y.axes.includes(batch);
  if (inBoth && axisSize(x, batch) === 1) return contract(x, squeezeAxes(y, [batch]), options);
  const shared = x.axes.filter((axis) => y.axes.includes(axis) && !(inBoth && axis === batch));
  shared.forEach((axis) => {
    if (axisSize(x, axis) !== axisSize(y, axis)) {
      throw new Error(`contract: axis '${axis}' has size ${axisSize(x, axis)} and ${axisSize(y, axis)}`);
    }
  });
  const inner = new Set([...shared, ...(inBoth ? [batch!] : [])]);
  const xFree = x.axes.filter((axis) => !inner.has(axis));
  const yFree = y.axes.filter((axis) => !inner.has(axis));
  const sharedInY = y.axes.filter((axis) => shared.includes(axis));
  const grouped = inBoth && onWasm();
  const packing = onWasm() ? COST.pack : 0;
  const b = inBoth ? [batch!] : [];
  const candidate = (index: number) => {
    const [left, leftFree, right, rightFree, order] = (
      [
        [y, yFree, x, xFree, sharedInY],
        [y, yFree, x, xFree, shared],
        [x, xFree, y, yFree, shared],
        [x, xFree, y, yFree, sharedInY],
      ] as const
    )[index]!;
    const leftOrder = grouped ? [...leftFree, ...order, ...b] : [...b, ...leftFree, ...order];
    const rightOrder = grouped ? [...order, ...b, ...rightFree] : [...b, ...order, ...rightFree];
    return { left, leftFree, right, rightFree, order, leftOrder, rightOrder };
  };
  // The choice depends only on labels, shapes and options: decide once per signature (each call costs µs).
  const key = [x.axes, x.shape, y.axes, y.shape, batch, yPacked, JSON.stringify(next), tf.getBackend()].join('|');
  let choice = choices.get(key);
  if (choice === undefined) {
    const costs = [0, 1, 2, 3].map((index) => {
      const { left, leftFree, right, rightFree, order, leftOrder, rightOrder } = candidate(index);
      const [leftMoves, rightMoves] = [transposeCost(left, leftOrder), transposeCost(right, rightOrder)];
      const fresh = right === x || rightMoves > 0 || !yPacked;
      const out = grouped ? [...leftFree, ...b, ...rightFree] : [...b, ...leftFree, ...rightFree];
      const outShape = out.map((axis) => axisSize(left.axes.includes(axis) ? left : right, axis));
      const volume = (z: Labeled, axes: readonly string[]) => axes.reduce((p, axis) => p * axisSize(z, axis), 1);
      const columns = volume(right, rightFree);
      const flops = grouped ? 2 * volume(left, leftFree) * volume(left, order) * axisSize(x, batch!) * columns : 0;
      return (
        leftMoves +
        rightMoves +
        (fresh ? packing * right.tensor.size : 0) +
        flops * groupedFlopCost(columns) +
        lookaheadCost(out, outShape, next)
      );
    });
    choice = costs.indexOf(Math.min(...costs));
    if (choices.size >= MAX_CHOICES) choices.clear();
    choices.set(key, choice);
  }
  const best = candidate(choice);
  const sizes = (z: Labeled, axes: readonly string[]) => axes.map((axis) => axisSize(z, axis));
  const product = (values: readonly number[]) => values.reduce((p, v) => p * v, 1);
  const [leftSizes, rightSizes] = [sizes(best.left, best.leftFree), sizes(best.right, best.rightFree)];
  const [m, k, n] = [product(leftSizes), product(sizes(best.left, best.order)), product(rightSizes)];

  if (!inBoth) {
    const result = matMul2d(arrange(best.left, best.leftOrder, [m, k]), arrange(best.right, best.rightOrder, [k, n]));
    return label(result, [...best.leftFree, ...best.rightFree], [...leftSizes, ...rightSizes]);
  }
  const g = axisSize(x, batch!);
  if (grouped) {
    const result = groupedMatMul(
      arrange(best.left, best.leftOrder, [m, k, g]),
      arrange(best.right, best.rightOrder, [k, g, n]),
    );
    return label(result, [...best.leftFree, batch!, ...best.rightFree], [...leftSizes, g, ...rightSizes]);
  }
  const result = tf.matMul(
    arrange(best.left, best.leftOrder, [g, m, k]),
    arrange(best.right, best.rightOrder, [g, k, n]),
  );
  return label(result, [batch!, ...best.leftFree, ...best.rightFree], [g, ...leftSizes, ...rightSizes]);
}

/** Layout choices of {@link contract} by signature (cleared when it grows past MAX_CHOICES). */
const choices = new Map<string, number>();
const MAX_CHOICES = 10_000;

/**
 * Estimated costs in ns on wasm (one thread, XNNPACK, measured on the project machine): XNNPACK's packing of
 * a fresh right operand, per element (the weights of a 2-D matMul, the filter of the grouped product);
 * transposes: {@link permuteCost}.
 */
const COST = { pack: 3 } as const;

/** ns per flop of the grouped product: about 12 GFLOP/s with 25 or more output columns, 1 GFLOP/s with 1. */
function groupedFlopCost(columns: number): number {
  return 1 / Math.min(12, 0.8 + 0.45 * columns);
}

/** Estimated cost of the transposes to `order`: 0 when it is a reshape. */
function transposeCost(x: Labeled, order: readonly string[]): number {
  return permuteCost(
    x.shape,
    order.map((axis) => x.axes.indexOf(axis)),
  );
}

/** The cheapest cost of bringing a result with axes `out` into the layout its next use needs. */
function lookaheadCost(out: readonly string[], shape: readonly number[], next: ContractOptions['next']): number {
  if (next === undefined) return 0;
  const size = shape.reduce((a, b) => a * b, 1);
  const passes = (order: readonly string[]) =>
    permuteCost(
      shape,
      order.map((axis) => out.indexOf(axis)),
    );
  if ('order' in next) return passes(next.order);
  const summed = out.filter((axis) => next.summed.includes(axis));
  const g =
    next.batch !== undefined && out.includes(next.batch) && shape[out.indexOf(next.batch)]! > 1 ? [next.batch] : [];
  const free = out.filter((axis) => !summed.includes(axis) && !g.includes(axis));
  const grouped = g.length > 0 && onWasm();
  const packing = onWasm() ? COST.pack : 0;
  const forms = grouped
    ? [
        [[...free, ...summed, ...g], 0],
        [[...summed, ...g, ...free], packing],
      ]
    : [
        [[...g, ...free, ...summed], 0],
        [[...g, ...summed, ...free], packing],
      ];
  return Math.min(...forms.map(([order, pack]) => passes(order as string[]) + size * (pack as number)));
}

/**
 * Whether the backend is wasm, where 2-D matMuls and convolutions run XNNPACK (which packs its right operand,
 * cached per tensor data) and a batched matMul runs a scalar triple loop (tfjs-backend-wasm's
 * `slow_batch_matmul`, about 1.5 GFLOP/s), so batched products go through {@link groupedMatMul} (3-5x
 * faster at TT sizes).
 */
function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * `tf.matMul(a, b)` of 2-D tensors whose gradients are plain products of explicitly transposed operands
 * (dA = dY·Bᵀ, dB = Aᵀ·dY, each again a `matMul2d`). tfjs's own gradient passes transpose flags, which send
 * tfjs-backend-wasm from XNNPACK to a scalar loop about 10x slower; a transpose costs one pass over the data.
 * Products below 2^16 multiply-adds use `tf.matMul` itself: there the custom gradient's bookkeeping (about
 * 20 µs a call) costs more than the slow loop. Differentiable any number of times.
 */
export function matMul2d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const work = a.shape[0]! * a.shape[1]! * b.shape[1]!;
  return work < SMALL_PRODUCT ? tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D) : matMul2dOp(a, b);
}

const SMALL_PRODUCT = 2 ** 16;

const matMul2dOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, bs] = saved as [tf.Tensor, tf.Tensor];
      return [matMul2d(dy, tf.transpose(bs)), matMul2d(tf.transpose(as), dy)];
    },
  };
});

/**
 * G independent products x[:, :, g] · f[:, g, :]: x [M, K, G], f [K, G, N] → [M, G, N], as ONE depthwise
 * convolution (input [M, 1, K, G] in NHWC, filter [1, K, G, N], valid padding: group g is channel g, the
 * contraction runs over the filter width, N is the channel multiplier). Its gradients are grouped products
 * again, so it can be differentiated any number of times.
 */
export function groupedMatMul(x: tf.Tensor, f: tf.Tensor): tf.Tensor {
  return groupedMatMulOp(x, f);
}

const groupedMatMulOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, f, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, f]);
  const [m, k, g] = x.shape as [number, number, number];
  const n = f.shape[2]!;
  const conv = tf.depthwiseConv2d(
    tf.reshape(x, [m, 1, k, g]) as tf.Tensor4D,
    tf.reshape(f, [1, k, g, n]) as tf.Tensor4D,
    1,
    'valid',
  );
  return {
    value: tf.reshape(conv, [m, g, n]),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, fs] = saved as [tf.Tensor, tf.Tensor];
      // dx[m, k, g] = Σ_n dy[m, g, n]·f[k, g, n]; df[k, g, n] = Σ_m x[m, k, g]·dy[m, g, n].
      const dx = tf.transpose(groupedMatMul(tf.transpose(dy, [0, 2, 1]), tf.transpose(fs, [2, 1, 0])), [0, 2, 1]);
      const df = groupedMatMul(tf.transpose(xs, [1, 0, 2]), dy);
      return [dx, df];
    },
  };
});
