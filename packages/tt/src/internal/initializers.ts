import { assertOptions, assertSeed, randomNormal, type Seed, splitSeed } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { add } from '../ops/add.js';
import { expandRanks, isPositiveInteger, type RankSpec, type RawShape, type ShapeSpec, toRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { checkCoreSizes } from './limits.js';

/**
 * Checks a TT-tensor shape `[n_1..n_d]` (T3F: a 1-D shape of positive integers) and returns its raw shape.
 *
 * @throws Error naming `fn` for anything but a non-empty list of positive integers (a TT-matrix spec included).
 */
export function tensorRawShape(shape: unknown, fn: string): RawShape {
  if (!Array.isArray(shape) || shape.some((part) => part === null || Array.isArray(part))) {
    throw new Error(
      `${fn}: argument 'shape' must be a non-empty list of positive integers (the modes of a TT-tensor), got ${describe(shape)}`,
    );
  }
  return toRawShape(shape as number[], fn);
}

/**
 * Checks a TT-matrix shape `[rows, columns]` (either may be null: all ones) and returns its raw shape.
 *
 * @throws Error naming `fn` unless the shape is two equally long lists of positive integers (or null).
 */
export function matrixRawShape(shape: unknown, fn: string): RawShape {
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((part) => part === null || Array.isArray(part)) ||
    shape.every((part) => part === null)
  ) {
    throw new Error(
      `${fn}: argument 'shape' must be [rowModes, columnModes] of a TT-matrix (either may be null), got ${describe(shape)}`,
    );
  }
  return toRawShape(shape as ShapeSpec, fn);
}

/** The shape of core k of a TT object with this raw shape and ranks, with an optional leading batch axis. */
export function coreShape(rawShape: RawShape, ranks: readonly number[], k: number, batchSize?: number): number[] {
  const modes = rawShape.map((part) => part[k]!);
  return [...(batchSize === undefined ? [] : [batchSize]), ranks[k]!, ...modes, ranks[k + 1]!];
}

/**
 * Rank-1 cores filled with `value` (the first core with `first`, so that a constant c is c·ones).
 *
 * @throws Error naming `fn` when the cores would exceed the allocation limit.
 */
export function constantCores(rawShape: RawShape, first: number, value: number, fn: string): tf.Tensor[] {
  const ranks = new Array<number>(rawShape[0].length + 1).fill(1);
  checkCoreSizes(rawShape, ranks, undefined, fn);
  return rawShape[0].map((_, k) => tf.fill(coreShape(rawShape, ranks, k), k === 0 ? first : value));
}

/** Options every random initializer shares, validated. */
export interface RandomArgs {
  /** The initializer, as errors name it. */
  readonly fn: string;
  readonly seed: Seed;
  readonly ranks: number[];
  readonly mean: number;
  readonly stddev: number;
  /** Undefined for a single TT. */
  readonly batchSize: number | undefined;
}

/** The option keys of the random initializers with `mean` and `stddev` (plus `batchSize` for batches). */
const RANDOM_KEYS = ['seed', 'ttRank', 'mean', 'stddev'];

/**
 * Validates the options of a random initializer: only known keys, a required seed, `ttRank` (default 2),
 * `mean` (default 0, finite), `stddev` (default 1, finite and ≥ 0) and, for batches, `batchSize` (default 1,
 * a positive integer); and that the cores stay within the allocation limit.
 *
 * @param keys the option keys the caller accepts (default: the random-tensor family's, plus `batchSize` for
 *   batches).
 * @throws Error naming `fn` and the offending option.
 */
export function randomArgs(
  options: {
    readonly seed: Seed;
    readonly ttRank?: RankSpec;
    readonly mean?: number;
    readonly stddev?: number;
    readonly batchSize?: number;
  },
  rawShape: RawShape,
  fn: string,
  batched: boolean,
  keys: readonly string[] = batched ? [...RANDOM_KEYS, 'batchSize'] : RANDOM_KEYS,
): RandomArgs {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${fn}: argument 'options' must be an object with a 'seed', got ${describe(options)}`);
  }
  assertOptions(fn, options, keys);
  const seed = assertSeed(options.seed, fn, 'seed');
  const ranks = expandRanks(options.ttRank ?? 2, rawShape[0].length, fn, 'ttRank');
  const { mean = 0, stddev = 1, batchSize = 1 } = options;
  if (typeof mean !== 'number' || !Number.isFinite(mean)) {
    throw new Error(`${fn}: argument 'mean' must be a finite number, got ${describe(mean)}`);
  }
  if (typeof stddev !== 'number' || !Number.isFinite(stddev) || stddev < 0) {
    throw new Error(`${fn}: argument 'stddev' must be a finite number ≥ 0, got ${describe(stddev)}`);
  }
  if (batched && !isPositiveInteger(batchSize)) {
    throw new Error(`${fn}: argument 'batchSize' must be a positive integer, got ${describe(batchSize)}`);
  }
  const size = batched ? batchSize : undefined;
  checkCoreSizes(rawShape, ranks, size, fn);
  return { fn, seed, ranks, mean, stddev, batchSize: size };
}

/**
 * Cores with iid N(mean, stddev²) entries, one `randomNormal` (@proj/core) per core (a batch draws all its elements
 * in that one call), core k seeded with the k-th of `splitSeed(seed, d)`. tfjs draws seeded normals in
 * JavaScript, so a seed gives the same cores on every backend.
 */
export function randomCores(rawShape: RawShape, args: RandomArgs, mean: number, stddev: number): tf.Tensor[] {
  const d = rawShape[0].length;
  const seeds = splitSeed(args.seed, d);
  return seeds.map((seed, k) =>
    randomNormal(coreShape(rawShape, args.ranks, k, args.batchSize), seed, { mean, stddev }),
  );
}

/**
 * T3F's core scale for `random_tensor`: s_c = stddev^(1/d) · Π_{k=0..d} r_k^(−1/(2d)), so that every dense
 * entry, a sum of Π_{k=1..d−1} r_k products of d independent N(0, s_c²) factors, has variance
 * (Π r_k)·s_c^(2d) = stddev².
 */
export function randomTensorCoreStddev(stddev: number, ranks: readonly number[]): number {
  const d = ranks.length - 1;
  const logRanks = ranks.reduce((sum, r) => sum + Math.log(r), 0);
  return stddev ** (1 / d) * Math.exp(-logRanks / (2 * d));
}

/**
 * T3F's `random_tensor` family: cores iid N(0, s_c²) with s_c from {@link randomTensorCoreStddev}, so dense
 * entries have mean 0 and variance stddev²; a nonzero mean adds mean·ones (T3F throws NotImplemented there),
 * which raises every inner rank by 1.
 */
export function scaledRandomTT(rawShape: RawShape, args: RandomArgs): TensorTrain | TensorTrainBatch {
  if (args.mean !== 0) {
    const ranks = args.ranks.map((r, k) => (k === 0 || k === args.ranks.length - 1 ? r : r + 1));
    checkCoreSizes(rawShape, ranks, args.batchSize, args.fn);
  }
  return tidyObject(() => {
    const cores = randomCores(rawShape, args, 0, randomTensorCoreStddev(args.stddev, args.ranks));
    const centered = args.batchSize === undefined ? new TensorTrain(cores) : new TensorTrainBatch(cores);
    return args.mean === 0 ? centered : add(centered, new TensorTrain(constantCores(rawShape, args.mean, 1, args.fn)));
  });
}

/**
 * The variance-scaling initializers (glorot, he, lecun): {@link scaledRandomTT} for a TT-matrix with entry
 * variance `variance(n_in, n_out)`, n_in = Π m_k (rows), n_out = Π n_k (columns), as T3F computes them.
 */
export function varianceScaledMatrix(
  shape: unknown,
  options: { readonly seed: Seed; readonly ttRank?: RankSpec },
  fn: string,
  variance: (nIn: number, nOut: number) => number,
): TensorTrain {
  const rawShape = matrixRawShape(shape, fn);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${fn}: argument 'options' must be an object with a 'seed', got ${describe(options)}`);
  }
  assertOptions(fn, options, ['seed', 'ttRank']);
  const product = (modes: readonly number[]) => modes.reduce((a, b) => a * b, 1);
  const stddev = Math.sqrt(variance(product(rawShape[0]), product(rawShape[1]!)));
  const validated = {
    seed: options.seed,
    stddev,
    ...(options.ttRank === undefined ? {} : { ttRank: options.ttRank }),
  };
  return scaledRandomTT(rawShape, randomArgs(validated, rawShape, fn, false)) as TensorTrain;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
