import * as tf from '@tensorflow/tfjs-core';
import { assertBoolean, assertString, describeValue } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';
import { type BackendProfile, backendProfile } from './backend-profile.js';
import { groupedMatMul } from './grouped-mat-mul.js';
import { arrangeData, assertLabeled, axisSizeData, type Labeled, labeledData, squeezeAxes } from './labeled.js';
import { multiply2d } from './mat-mul-2d.js';
import { permuteCost } from './permute.js';

/** Options of {@link contract}. */
export interface ContractOptions {
  /** The label of the batch axis, if any. */
  readonly batch?: string;
  /**
   * Whether the data of `y` is contracted again in this computation, possibly in another layout (default
   * false: `y` is a persistent operand, such as a TT core, used in one layout). A hint for the planner: on
   * backends that pack the right operand of a product once per tensor data (wasm), a reused `y` may cost its
   * packing on every call.
   */
  readonly yReused?: boolean;
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
 * Σ over the labels `x` and `y` share of x·y (a pairwise einsum), as ONE product of the operands arranged into
 * matrices (reshapes, and a `permute` where the axes must move). Labels in one operand only are free and
 * kept; `batch`, when present in both with a size above 1, is a batch axis: element b of the result contracts
 * element b of each operand (one batched product, never a loop). An operand without the batch label is shared
 * by all elements, and its product is a plain 2-D matMul with the batch folded into the rows.
 *
 * The layout (which operand goes left, the order of the summed axes) is the one with the lowest estimated time
 * on the active backend ({@link backendProfile}): transposes, the packing of the right operand where the
 * backend packs it (wasm: the weights of a 2-D matMul, the filter of the grouped product; cached per tensor
 * data, so `x` is meant to be the running intermediate and `y` a persistent operand), the batched product's
 * speed (wasm: one grouped convolution, slower for few output columns); plus, given `next`, the cost of
 * bringing the result into the layout its next use needs. Read the layout of the result from its labels.
 * Differentiable; memory-neutral (only the result's tensor survives).
 *
 * Shapes: free axes of x, then of y (with the batch axis first, or in the middle on wasm's grouped path).
 * Complexity: 2·B·M·K·N flops for batch B, free sizes M (of x) and N (of y), summed size K; 1-3 kernels
 * plus the transposes the layout needs.
 *
 * @throws Error naming `contract` when a shared label has different sizes in `x` and `y`, an operand is not a
 *   float32 labeled tensor, or an option is unknown or of the wrong type.
 * @example
 * const z = contract(label(a, ['i', 'k']), label(b, ['k', 'j'])); // z.axes ['i', 'j']: a·b
 */
export function contract(x: Labeled, y: Labeled, options: ContractOptions = {}): Labeled {
  checkContractArguments(x, y, options);
  const { batch, yReused = false, next } = options;
  const profile = backendProfile();
  const inBoth = batch !== undefined && x.axes.includes(batch) && y.axes.includes(batch);
  if (inBoth && axisSizeData(x, batch) === 1) return contract(x, squeezeAxes(y, [batch]), options);
  const shared = x.axes.filter((axis) => y.axes.includes(axis) && !(inBoth && axis === batch));
  shared.forEach((axis) => {
    if (axisSizeData(x, axis) !== axisSizeData(y, axis)) {
      throw new Error(`contract: axis '${axis}' has size ${axisSizeData(x, axis)} and ${axisSizeData(y, axis)}`);
    }
  });
  const inner = new Set([...shared, ...(inBoth ? [batch!] : [])]);
  const xFree = x.axes.filter((axis) => !inner.has(axis));
  const yFree = y.axes.filter((axis) => !inner.has(axis));
  const sharedInY = y.axes.filter((axis) => shared.includes(axis));
  const grouped = inBoth && profile.groupedProductWork < Number.POSITIVE_INFINITY;
  const packing = profile.packNsPerElement;
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
  const key = [x.axes, x.shape, y.axes, y.shape, batch, yReused, JSON.stringify(next), profileKey(profile)].join('|');
  let choice = choices.get(key);
  if (choice === undefined) {
    const costs = [0, 1, 2, 3].map((index) => {
      const { left, leftFree, right, rightFree, order, leftOrder, rightOrder } = candidate(index);
      const [leftMoves, rightMoves] = [transposeCost(left, leftOrder), transposeCost(right, rightOrder)];
      const fresh = right === x || rightMoves > 0 || yReused;
      const out = grouped ? [...leftFree, ...b, ...rightFree] : [...b, ...leftFree, ...rightFree];
      const outShape = out.map((axis) => axisSizeData(left.axes.includes(axis) ? left : right, axis));
      const volume = (z: Labeled, axes: readonly string[]) => axes.reduce((p, axis) => p * axisSizeData(z, axis), 1);
      const columns = volume(right, rightFree);
      const flops = grouped ? 2 * volume(left, leftFree) * volume(left, order) * axisSizeData(x, batch!) * columns : 0;
      return (
        leftMoves +
        rightMoves +
        (fresh ? packing * right.tensor.size : 0) +
        flops * profile.groupedNsPerFlop(columns) +
        lookaheadCost(out, outShape, next, profile)
      );
    });
    choice = costs.indexOf(Math.min(...costs));
    if (choices.size >= MAX_CHOICES) choices.clear();
    choices.set(key, choice);
  }
  const best = candidate(choice);
  const sizes = (z: Labeled, axes: readonly string[]) => axes.map((axis) => axisSizeData(z, axis));
  const product = (values: readonly number[]) => values.reduce((p, v) => p * v, 1);
  const [leftSizes, rightSizes] = [sizes(best.left, best.leftFree), sizes(best.right, best.rightFree)];
  const [m, k, n] = [product(leftSizes), product(sizes(best.left, best.order)), product(rightSizes)];

  const g = inBoth ? axisSizeData(x, batch!) : 1;
  const shapes = !inBoth
    ? [
        [m, k],
        [k, n],
      ]
    : grouped
      ? [
          [m, k, g],
          [k, g, n],
        ]
      : [
          [g, m, k],
          [g, k, n],
        ];
  const left = arrangeData(best.left, best.leftOrder, shapes[0]!);
  const right = arrangeData(best.right, best.rightOrder, shapes[1]!);
  const result = !inBoth ? multiply2d(left, right) : grouped ? groupedMatMul(left, right) : tf.matMul(left, right);
  // The arranged operands are new handles unless no kernel ran; the tape keeps copies of what backprop needs, so
  // freeing them here (cheaper than a tidy scope per contraction) keeps the call memory-neutral.
  if (left !== best.left.tensor) left.dispose();
  if (right !== best.right.tensor) right.dispose();
  const axes = !inBoth
    ? [...best.leftFree, ...best.rightFree]
    : grouped
      ? [...best.leftFree, batch!, ...best.rightFree]
      : [batch!, ...best.leftFree, ...best.rightFree];
  const sizesOut = !inBoth
    ? [...leftSizes, ...rightSizes]
    : grouped
      ? [...leftSizes, g, ...rightSizes]
      : [g, ...leftSizes, ...rightSizes];
  return labeledData(result, axes, sizesOut);
}

/** The argument checks of {@link contract}. O(rank). */
function checkContractArguments(x: unknown, y: unknown, options: unknown): asserts options is ContractOptions {
  const fn = 'contract';
  assertLabeled(fn, 'x', x);
  assertLabeled(fn, 'y', y);
  for (const [arg, z] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (z.tensor.dtype !== 'float32') {
      throw new Error(`${fn}: argument '${arg}' must hold a float32 tensor, got dtype ${z.tensor.dtype}`);
    }
  }
  assertOptions(fn, options, ['batch', 'yReused', 'next']);
  const { batch, yReused, next } = (options ?? {}) as ContractOptions;
  if (batch !== undefined) assertString(fn, 'options.batch', batch);
  if (yReused !== undefined) assertBoolean(fn, 'options.yReused', yReused);
  if (next === undefined) return;
  const labels = (value: unknown) => Array.isArray(value) && value.every((axis) => typeof axis === 'string');
  const n = next as { order?: unknown; summed?: unknown; batch?: unknown } | null;
  const ok =
    n !== null &&
    typeof n === 'object' &&
    (labels(n.order) ||
      (n.order === undefined && labels(n.summed) && (n.batch === undefined || typeof n.batch === 'string')));
  if (!ok) {
    throw new Error(
      `${fn}: option 'next' must be {order: labels} or {summed: labels, batch?: label}, got ${describeValue(next)}`,
    );
  }
}

/** Layout choices of {@link contract} by signature (cleared when it grows past MAX_CHOICES). */
const choices = new Map<string, number>();
const MAX_CHOICES = 10_000;

/** Profiles are constants: their identity names them in the memo keys. */
const profileKeys = new Map<BackendProfile, number>();
function profileKey(profile: BackendProfile): number {
  let key = profileKeys.get(profile);
  if (key === undefined) {
    key = profileKeys.size;
    profileKeys.set(profile, key);
  }
  return key;
}

/** Estimated cost of the transposes to `order`: 0 when it is a reshape. */
function transposeCost(x: Labeled, order: readonly string[]): number {
  return permuteCost(
    x.shape,
    order.map((axis) => x.axes.indexOf(axis)),
  );
}

/** The cheapest cost of bringing a result with axes `out` into the layout its next use needs. */
function lookaheadCost(
  out: readonly string[],
  shape: readonly number[],
  next: ContractOptions['next'],
  profile: BackendProfile,
): number {
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
  const grouped = g.length > 0 && profile.groupedProductWork < Number.POSITIVE_INFINITY;
  const packing = profile.packNsPerElement;
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
