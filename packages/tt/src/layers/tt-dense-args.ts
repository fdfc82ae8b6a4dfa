import { assertOptions, assertSeed } from '@proj/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { describeValue } from '../internal/describe.js';
import { expandRanks, type RankSpec } from '../shapes.js';
import { modePair } from './mode-pair.js';

/** The options every tfjs-layers layer takes (name, inputShape, batchInputShape, trainable, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** The TT initializers a {@link TTDense} kernel can start from (T3F's `glorot`, `he`, `lecun`). */
export type TTInitializerName = 'glorot' | 'he' | 'lecun';

/** Options of {@link TTDense} and {@link ttDense}, plus those of every tfjs-layers layer. */
export interface TTDenseArgs extends LayerArgs {
  /** Input modes m_1..m_d, product = the input width (e.g. [7, 4, 7, 4] → 784). */
  readonly inputModes: readonly number[];
  /** Output modes n_1..n_d, product = the units (e.g. [5, 5, 5, 5] → 625); as many as `inputModes`. */
  readonly outputModes: readonly number[];
  /** TT-rank: one integer for every inner bond or the list [1, r_1, ..., r_{d−1}, 1]. */
  readonly ttRank: RankSpec;
  /** A tfjs-layers activation identifier ('relu', 'tanh', 'softmax', ...); default 'linear'. */
  readonly activation?: string;
  /** Whether to add a bias (initialised to zeros); default true. */
  readonly useBias?: boolean;
  /** The TT initializer of the kernel; default 'glorot' (T3F's default). */
  readonly kernelInitializer?: TTInitializerName;
  /** The initializer's seed, an integer in [0, 2^32 − 1]; default 0. */
  readonly seed?: number;
}

/** {@link TTDenseArgs} after validation, defaults filled in. */
export interface TTDenseSettings {
  readonly inputModes: number[];
  readonly outputModes: number[];
  /** The rank argument as given (kept for getConfig). */
  readonly ttRank: RankSpec;
  /** The expanded ranks [1, r_1, ..., r_{d−1}, 1]. */
  readonly ranks: number[];
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: TTInitializerName;
  readonly seed: number;
  /** Π m_k. */
  readonly inputWidth: number;
  /** Π n_k. */
  readonly units: number;
}

/** The keys of tfjs-layers' LayerArgs, which TTDense passes on to the base layer. */
const LAYER_KEYS = [
  'name',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'dtype',
  'trainable',
  'weights',
  'inputDType',
];
const TT_KEYS = ['inputModes', 'outputModes', 'ttRank', 'activation', 'useBias', 'kernelInitializer', 'seed'];
const INITIALIZERS: readonly TTInitializerName[] = ['glorot', 'he', 'lecun'];

/**
 * Validates {@link TTDenseArgs}: known keys only, `inputModes` and `outputModes` equally long non-empty lists
 * of positive integers, `ttRank` as {@link expandRanks} takes it, a string `activation`, a boolean `useBias`,
 * a known `kernelInitializer` and a valid seed.
 *
 * @throws Error naming `TTDense` and the offending argument.
 */
export function ttDenseSettings(args: TTDenseArgs): TTDenseSettings {
  const fn = 'TTDense';
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new Error(
      `${fn}: argument 'args' must be an object with inputModes, outputModes and ttRank, got ${describeValue(args)}`,
    );
  }
  assertOptions(fn, args, [...TT_KEYS, ...LAYER_KEYS]);
  const [inputModes, outputModes] = modePair(args.inputModes, args.outputModes, fn);
  if (args.ttRank === undefined) throw new Error(`${fn}: argument 'ttRank' is required`);
  const ranks = expandRanks(args.ttRank, inputModes.length, fn, 'ttRank');
  const { activation = 'linear', useBias = true, kernelInitializer = 'glorot', seed = 0 } = args;
  if (typeof activation !== 'string') {
    throw new Error(
      `${fn}: argument 'activation' must be a tfjs-layers activation name, got ${describeValue(activation)}`,
    );
  }
  if (typeof useBias !== 'boolean') {
    throw new Error(`${fn}: argument 'useBias' must be a boolean, got ${describeValue(useBias)}`);
  }
  if (!INITIALIZERS.includes(kernelInitializer)) {
    throw new Error(
      `${fn}: argument 'kernelInitializer' must be one of ${INITIALIZERS.join(', ')}, got ${describeValue(kernelInitializer)}`,
    );
  }
  const product = (list: readonly number[]) => list.reduce((a, b) => a * b, 1);
  return {
    inputModes,
    outputModes,
    ttRank: Array.isArray(args.ttRank) ? [...args.ttRank] : args.ttRank,
    ranks,
    activation,
    useBias,
    kernelInitializer,
    seed: assertSeed(seed, fn, 'seed'),
    inputWidth: product(inputModes),
    units: product(outputModes),
  };
}

/** The arguments of {@link TTDenseArgs} that belong to the base layer (name, inputShape, trainable, ...). */
export function baseLayerArgs(args: TTDenseArgs): LayerArgs {
  return Object.fromEntries(Object.entries(args).filter(([key]) => !TT_KEYS.includes(key))) as LayerArgs;
}
