import * as tf from '@tensorflow/tfjs-core';
import { assertShape, assertTensor, describeValue } from '../validation/assert-args.js';
import { type BackendProfile, backendProfile } from './backend-profile.js';

/** Block permutations that sort a sequence of units, memoized by the sequence, unit sizes, rank limit and costs. */
const plans = new Map<string, number[][][]>();

/**
 * `tf.transpose` of the data of `x`, read with the logical shape `shape` (x itself may have any shape of that
 * size), returned with shape `outShape` (any shape of that size). Axes of size 1 are dropped and axes that stay
 * adjacent and in order are merged first (reshapes are free), so most layouts of tensor-network code need one
 * low-rank transpose. Where the backend is slow on transposes of many axes (wasm: 6 or more axes run a generic
 * loop about 20x slower than two 4-axis passes; see {@link backendProfile}) the rest is done in passes that each
 * cut the layout into at most that many blocks and reorder them, chosen to leave the fewest out-of-order blocks
 * and, among those, to keep a long innermost block in place (on wasm a pass that keeps 100 contiguous elements
 * innermost runs at 0.3 ns per element, one that keeps 10 at 1.1, one that moves them at 1.2-1.8).
 * Differentiable (gradients are transposes again).
 *
 * Shapes: `shape` and `outShape` any shapes of `x.size` elements; `perm` a permutation of `shape`'s axes.
 * Complexity: one pass over the data per transpose; at most ⌈log₄ R⌉ passes for R axes on wasm, one elsewhere.
 *
 * @throws Error naming `permute` and the argument when `x` is not a live tensor, a shape is not non-negative
 *   integers holding `x.size` elements, or `perm` is not a permutation of `shape`'s axes.
 *
 * @example
 * permute(x, [2, 3, 4, 5, 6, 7], [5, 3, 1, 4, 2, 0], [7 * 5, 6 * 3 * 4 * 2]); // data of x transposed, then reshaped
 */
export function permute(
  x: tf.Tensor,
  shape: readonly number[],
  perm: readonly number[],
  outShape: readonly number[],
): tf.Tensor {
  assertTensor('permute', 'x', x, { dtypes: ANY_DTYPE });
  assertSizedShape('permute', 'shape', shape, x.size);
  assertPermutation('permute', perm, shape.length);
  assertSizedShape('permute', 'outShape', outShape, x.size);
  return permuteData(x, shape, perm, outShape);
}

/** {@link permute} without the argument checks, for callers in the ops layer that built valid arguments. */
export function permuteData(
  x: tf.Tensor,
  shape: readonly number[],
  perm: readonly number[],
  outShape: readonly number[],
): tf.Tensor {
  const { sequence: start, sizes, passes } = analyze(shape, perm, backendProfile().maxTransposeRank);
  if (passes.length === 0) return reshapeData(x, outShape);
  return tf.tidy(() => {
    let sequence = start;
    let tensor = x;
    for (const blocks of passes) {
      // `blocks` lists the blocks in their new order; in the current layout they appear in `sequence` order.
      const current = [...blocks].sort((a, b) => sequence.indexOf(a[0]!) - sequence.indexOf(b[0]!));
      tensor = tf.transpose(
        reshapeData(
          tensor,
          current.map((block) => block.reduce((size, t) => size * sizes[t]!, 1)),
        ),
        blocks.map((block) => current.indexOf(block)),
      );
      sequence = blocks.flat();
    }
    return reshapeData(tensor, outShape);
  });
}

/**
 * `tf.reshape`, or `x` itself when it already has `shape` (every kernel call costs, even a reshape). O(rank).
 *
 * @throws Error naming `reshapeTo` when `x` is not a live tensor or `shape` is not non-negative integers
 *   holding `x.size` elements.
 */
export function reshapeTo(x: tf.Tensor, shape: readonly number[]): tf.Tensor {
  assertTensor('reshapeTo', 'x', x, { dtypes: ANY_DTYPE });
  assertSizedShape('reshapeTo', 'shape', shape, x.size);
  return reshapeData(x, shape);
}

/** {@link reshapeTo} without the argument checks, for callers in the ops layer. */
function reshapeData(x: tf.Tensor, shape: readonly number[]): tf.Tensor {
  return x.shape.length === shape.length && x.shape.every((size, i) => size === shape[i])
    ? x
    : tf.reshape(x, [...shape]);
}

/**
 * Estimated time in ns of {@link permute} on the active backend ({@link backendProfile}): per element and
 * pass, one cost when the innermost block stays innermost (contiguous copies) and another when it moves
 * (wasm: 0.5 and 2 ns). 0 when a reshape is enough. For planners that choose among layouts.
 *
 * @throws Error naming `permuteCost` when `shape` is not non-negative integers (at most 2³¹ − 1 elements) or
 *   `perm` is not a permutation of its axes.
 */
export function permuteCost(shape: readonly number[], perm: readonly number[]): number {
  assertShape('permuteCost', 'shape', shape);
  assertPermutation('permuteCost', perm, shape.length);
  const profile = backendProfile();
  const { sequence: start, sizes, passes } = analyze(shape, perm, profile.maxTransposeRank);
  const size = shape.reduce((a, b) => a * b, 1);
  let sequence = start;
  let cost = 0;
  for (const blocks of passes) {
    cost += size * passNs(sequence, blocks, sizes, profile);
    sequence = blocks.flat();
  }
  return cost;
}

/** Innermost blocks of at least this many elements copy at the contiguous speed (bench:ops, wasm). */
const LONG_INNER_BLOCK = 64;

/**
 * Estimated ns per element of one pass from `sequence` to the blocks `blocks` (in their new order): contiguous
 * when the innermost block stays innermost and holds at least {@link LONG_INNER_BLOCK} elements, strided when
 * it moves, and halfway for a short innermost block that stays (wasm, 10^6 elements: 0.3, 1.1 and 1.2-1.8 ns).
 */
function passNs(
  sequence: readonly number[],
  blocks: readonly number[][],
  sizes: readonly number[],
  profile: Pick<BackendProfile, 'transposeNsContiguous' | 'transposeNsStrided'>,
): number {
  const innermost = blocks[blocks.length - 1]!;
  if (!innermost.includes(sequence[sequence.length - 1]!)) return profile.transposeNsStrided;
  const inner = innermost.reduce((size, t) => size * sizes[t]!, 1);
  return inner >= LONG_INNER_BLOCK
    ? profile.transposeNsContiguous
    : (profile.transposeNsContiguous + profile.transposeNsStrided) / 2;
}

const ANY_DTYPE: readonly tf.DataType[] = ['float32', 'int32', 'bool', 'complex64', 'string'];

/** Checks a shape argument that must hold exactly `size` elements. O(rank). */
function assertSizedShape(fn: string, arg: string, shape: unknown, size: number): void {
  const ok =
    Array.isArray(shape) &&
    shape.every((n) => Number.isInteger(n) && n >= 0) &&
    shape.reduce((a: number, b: number) => a * b, 1) === size;
  if (!ok) {
    throw new Error(
      `${fn}: argument '${arg}' must be non-negative integers holding ${size} elements (the size of x), got ${describeValue(shape)}`,
    );
  }
}

/** Checks that `perm` is a permutation of 0..rank−1. O(rank). */
function assertPermutation(fn: string, perm: unknown, rank: number): void {
  const ok =
    Array.isArray(perm) &&
    perm.length === rank &&
    perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank) &&
    new Set(perm).size === rank;
  if (!ok) {
    throw new Error(`${fn}: argument 'perm' must be a permutation of 0..${rank - 1}, got ${describeValue(perm)}`);
  }
}

/** {@link unitsOf} and the {@link plan} that sorts them, memoized by shape and permutation. */
const analyses = new Map<string, { sequence: number[]; sizes: number[]; passes: number[][][] }>();

function analyze(
  shape: readonly number[],
  perm: readonly number[],
  maxRank: number,
): { sequence: number[]; sizes: number[]; passes: number[][][] } {
  const key = `${shape.join(',')}|${perm.join(',')}|${maxRank}`;
  let analysis = analyses.get(key);
  if (analysis === undefined) {
    const { sequence, sizes } = unitsOf(shape, perm);
    analysis = { sequence, sizes, passes: sequence.every((t, i) => t === i) ? [] : plan(sequence, sizes, maxRank) };
    if (analyses.size >= 10_000) analyses.clear();
    analyses.set(key, analysis);
  }
  return analysis;
}

/**
 * Units of a permutation: maximal runs of source axes (size-1 axes dropped) that are adjacent and in order both
 * in the source and in the target; `sequence` lists the units in source order, each named by its target
 * position, and `sizes` gives each unit's size by target position.
 */
function unitsOf(shape: readonly number[], perm: readonly number[]): { sequence: number[]; sizes: number[] } {
  const kept = perm.filter((p) => shape[p]! > 1);
  const units: number[][] = [];
  kept.forEach((p, i) => {
    if (i > 0 && p === kept[i - 1]! + 1) units[units.length - 1]!.push(p);
    else units.push([p]);
  });
  const sizes = units.map((unit) => unit.reduce((size, p) => size * shape[p]!, 1));
  const sequence = units
    .map((unit, target) => ({ target, first: unit[0]! }))
    .sort((a, b) => a.first - b.first)
    .map((u) => u.target);
  return { sequence, sizes };
}

/**
 * Passes that sort `sequence` (a permutation of 0..R−1; `sizes` gives each unit's size): each pass is the list
 * of blocks (runs of the current sequence, as lists of units) in their new order. One pass when at most
 * `maxRank` runs are out of order; otherwise passes of at most 4 blocks, each leaving the fewest runs and,
 * among those, the lowest estimated cost of itself and the pass that follows ({@link passNs}).
 */
function plan(start: readonly number[], sizes: readonly number[], maxRank: number): number[][][] {
  const profile = backendProfile();
  const key = `${start.join(',')}|${sizes.join(',')}|${maxRank}|${profile.transposeNsContiguous}|${profile.transposeNsStrided}`;
  const known = plans.get(key);
  if (known !== undefined) return known;
  const passes: number[][][] = [];
  let sequence = [...start];
  while (!sequence.every((t, i) => t === i)) {
    const runs = runsOf(sequence);
    if (runs.length <= maxRank) {
      passes.push(finalPass(runs));
      break;
    }
    const best = bestPass(sequence, runs, sizes, maxRank, profile);
    passes.push(best);
    sequence = best.flat();
  }
  if (plans.size >= 10_000) plans.clear();
  plans.set(key, passes);
  return passes;
}

/** The pass that sorts `runs` in one go. */
function finalPass(runs: readonly number[][]): number[][] {
  return [...runs].sort((a, b) => a[0]! - b[0]!);
}

/** Maximal runs t, t + 1, ... of consecutive target positions in `sequence`. */
function runsOf(sequence: readonly number[]): number[][] {
  const runs: number[][] = [];
  sequence.forEach((t, i) => {
    if (i > 0 && t === sequence[i - 1]! + 1) runs[runs.length - 1]!.push(t);
    else runs.push([t]);
  });
  return runs;
}

/**
 * The cut of `runs` into at most 4 contiguous blocks, and their order, that leaves the fewest runs; among
 * those, the cheapest by {@link passNs} of this pass plus, when it leaves at most `maxRank` runs, the last.
 */
function bestPass(
  sequence: readonly number[],
  runs: readonly number[][],
  sizes: readonly number[],
  maxRank: number,
  profile: Pick<BackendProfile, 'transposeNsContiguous' | 'transposeNsStrided'>,
): number[][] {
  const r = runs.length;
  let best: { blocks: number[][]; left: number; cost: number } | undefined;
  for (let c1 = 1; c1 < r; c1++) {
    for (let c2 = c1; c2 <= r; c2++) {
      for (let c3 = c2; c3 <= r; c3++) {
        const cuts = [0, c1, c2, c3, r].filter((c, i, all) => i === 0 || c > all[i - 1]!);
        const blocks = cuts.slice(1).map((end, i) => runs.slice(cuts[i]!, end).flat());
        for (const order of permutations(blocks.length)) {
          const candidate = order.map((i) => blocks[i]!);
          const next = candidate.flat();
          const after = runsOf(next);
          const left = after.length;
          const cost =
            passNs(sequence, candidate, sizes, profile) +
            (left > 1 && left <= maxRank ? passNs(next, finalPass(after), sizes, profile) : 0);
          if (best === undefined || left < best.left || (left === best.left && cost < best.cost)) {
            best = { blocks: candidate, left, cost };
          }
        }
      }
    }
  }
  return best!.blocks;
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}
