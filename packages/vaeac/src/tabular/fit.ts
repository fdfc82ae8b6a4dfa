import { assertOptions, assertSeed, foldIn, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { disposeBatch, type LogLikelihood } from '../batch.js';
import { epochBatches } from '../internal/epoch-batches.js';
import { permutation } from '../internal/host-random.js';
import {
  assertInteger,
  assertNumber,
  assertObject,
  assertOneOf,
  assertOptionalFunction,
  assertProbability,
} from '../internal/validate.js';
import { mcarMaskHost } from '../masks/mcar-mask.js';
import { createNetworks, type Networks, networkVariables } from '../nn/networks.js';
import { trainStep } from '../train-step.js';
import { batchIwae } from '../vlb.js';
import { assertColumnTypes, type ColumnLayout, type ColumnType, columnLayout } from './column-types.js';
import { encodeRows, type HostTable, toHostTable } from './encode.js';
import { REAL_SIGMAS, type RealSigma, tabularLogLikelihood } from './log-likelihood.js';
import { standardization } from './standardization.js';
import { PAPER_ARCHITECTURE, Vaeac, type VaeacArchitecture } from './vaeac.js';
import { assertTable } from './validate-table.js';

/** One epoch of {@link fit}: mean training loss (−VLB per object), validation IWAE (null when not run), time. */
export interface EpochInfo {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationIwae: number | null;
  readonly seconds: number;
}

/** Options of {@link fit}. */
export interface FitOptions extends VaeacArchitecture {
  /** One type per column: 'real' or { categories: K } (codes 0..K−1). */
  readonly columnTypes: readonly ColumnType[];
  /** Training epochs (passes over the training rows). */
  readonly epochs: number;
  /** Seed of everything random: split, initialization, masks, batches, noise. */
  readonly seed: number;
  /** Batch size (default 64; a short last batch is padded with rows from the epoch's start, as the authors do). */
  readonly batchSize?: number;
  /** Adam learning rate (default 3e-4). */
  readonly learningRate?: number;
  /** MCAR probability of the training masks (default 0.2), OR'ed with the data's NaNs. */
  readonly maskProbability?: number;
  /** Fraction of rows held out for validation (default 0.15; 0 = none, keep the last weights). */
  readonly validationFraction?: number;
  /** IWAE samples K of the validation estimate (default 25). */
  readonly validationSamples?: number;
  /** Validate every this many epochs (default 1; the last epoch is always validated). */
  readonly validateEvery?: number;
  /**
   * The Gaussian σ of real columns: 'fixed' to 1 on the standardized scale (default; the authors' UCI setting)
   * or 'learned': σ = max(softplus(s), 1e-4) from the generative network's second output per real column
   * (the paper's general model). Saved with the model.
   */
  readonly realSigma?: RealSigma;
  /** Called after each epoch. */
  readonly onEpoch?: (info: EpochInfo) => void;
}

const FIT_KEYS = [
  'columnTypes',
  'epochs',
  'seed',
  'batchSize',
  'learningRate',
  'maskProbability',
  'validationFraction',
  'validationSamples',
  'validateEvery',
  'realSigma',
  'onEpoch',
  'width',
  'depth',
  'latentDim',
];

/** Rows per IWAE evaluation chunk, times K: bounds the memory of validation. */
const IWAE_CHUNK = 4096;

/** Everything {@link fit} resolves from its options. */
interface FitSettings {
  readonly columnTypes: ColumnType[];
  readonly architecture: Required<VaeacArchitecture>;
  readonly epochs: number;
  readonly seed: Seed;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly maskProbability: number;
  readonly validationFraction: number;
  readonly validationSamples: number;
  readonly validateEvery: number;
  readonly realSigma: RealSigma;
  readonly onEpoch: ((info: EpochInfo) => void) | undefined;
}

function readFitOptions(options: unknown): FitSettings {
  const fn = 'fit';
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, FIT_KEYS);
  assertOptionalFunction(o.onEpoch, fn, 'options.onEpoch');
  const optionalInteger = (key: string, fallback: number, min: number, max?: number) =>
    o[key] === undefined ? fallback : assertInteger(o[key], fn, `options.${key}`, min, max);
  return {
    columnTypes: assertColumnTypes(o.columnTypes, fn, 'options.columnTypes'),
    architecture: {
      width: optionalInteger('width', PAPER_ARCHITECTURE.width, 1, 8192),
      depth: optionalInteger('depth', PAPER_ARCHITECTURE.depth, 0, 256),
      latentDim: optionalInteger('latentDim', PAPER_ARCHITECTURE.latentDim, 1, 8192),
    },
    epochs: assertInteger(o.epochs, fn, 'options.epochs', 1, 1e6),
    seed: assertSeed(o.seed, fn, 'options.seed'),
    batchSize: optionalInteger('batchSize', 64, 1, 2 ** 16),
    learningRate:
      o.learningRate === undefined
        ? 3e-4
        : assertNumber(o.learningRate, fn, 'options.learningRate', 'a positive number', (x) => x > 0),
    maskProbability:
      o.maskProbability === undefined ? 0.2 : assertProbability(o.maskProbability, fn, 'options.maskProbability'),
    validationFraction:
      o.validationFraction === undefined
        ? 0.15
        : assertNumber(
            o.validationFraction,
            fn,
            'options.validationFraction',
            'a number in [0, 1)',
            (x) => x >= 0 && x < 1,
          ),
    validationSamples: optionalInteger('validationSamples', 25, 1, IWAE_CHUNK),
    validateEvery: optionalInteger('validateEvery', 1, 1),
    realSigma: o.realSigma === undefined ? 'fixed' : assertOneOf(o.realSigma, fn, 'options.realSigma', REAL_SIGMAS),
    onEpoch: o.onEpoch as FitSettings['onEpoch'],
  };
}

/** Train/validation row indices: a seeded permutation, the first round(n·fraction) rows validate (≥ 1 each). */
function splitRows(n: number, fraction: number, seed: Seed): { train: number[]; validation: number[] } {
  const order = permutation(n, seed);
  const size = fraction === 0 || n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  return { validation: order.slice(0, size), train: order.slice(size) };
}

/** The mean IWAE over `rows` (masks `mask`), in chunks of at most IWAE_CHUNK/K rows, with common noise `seed`. */
export function meanIwae(
  networks: Networks,
  layout: ColumnLayout,
  table: HostTable,
  mask: Uint8Array,
  rows: readonly number[],
  samples: number,
  seed: Seed,
  logLikelihood: LogLikelihood = tabularLogLikelihood(layout),
): number {
  const chunk = Math.max(1, Math.floor(IWAE_CHUNK / samples));
  let sum = 0;
  for (let start = 0; start < rows.length; start += chunk) {
    const batch = encodeRows(layout, table, mask, rows.slice(start, start + chunk));
    try {
      const total = tf.tidy(() => tf.sum(batchIwae(networks, batch, logLikelihood, samples, foldIn(seed, start))));
      sum += total.dataSync()[0] as number;
      total.dispose();
    } finally {
      disposeBatch(batch);
    }
  }
  return sum / rows.length;
}

/**
 * Trains a tabular VAEAC (Ivanov, Figurnov, Vetrov, ICLR 2019) on `data` (rows of numbers, NaN = missing;
 * categorical columns hold codes 0..K−1): real columns standardized with the mean/std of their observed
 * values; each epoch draws MCAR(p) masks OR'ed with the NaNs, maximizes the VLB with Adam in batches, and every
 * `validateEvery` epochs scores the IWAE (K samples, fixed validation masks and noise) of the held-out rows,
 * keeping the weights with the best validation IWAE (the last ones without validation).
 * Cost per epoch O(n·depth·width²). Memory-neutral apart from the returned model.
 *
 * @throws Error naming `fit` and the argument for bad options, a table of the wrong width, non-numbers,
 *   category codes out of range, or a column with no observed entry.
 */
export async function fit(
  data: readonly (readonly number[])[],
  options: FitOptions,
): Promise<{ model: Vaeac; history: EpochInfo[] }> {
  const settings = readFitOptions(options);
  const { columnTypes, architecture } = settings;
  const rows = assertTable(data, columnTypes, 'fit', 'data');
  columnTypes.forEach((_, c) => {
    if (rows.every((row) => Number.isNaN(row[c] as number))) {
      throw new Error(`fit: argument 'data' has no observed entry in column ${c} (all NaN): it cannot be learned`);
    }
  });
  const layout = columnLayout(columnTypes);
  const stats = standardization(columnTypes, rows);
  const table = toHostTable(rows, stats);
  const [initSeed, splitSeedValue, trainSeed, validationSeed] = splitSeed(settings.seed, 4) as [Seed, Seed, Seed, Seed];
  const [validationMaskSeed, validationNoiseSeed] = splitSeed(validationSeed, 2) as [Seed, Seed];
  const { train, validation } = splitRows(rows.length, settings.validationFraction, splitSeedValue);
  const validationMask = mcarMaskHost(rows.length * layout.columns, settings.maskProbability, validationMaskSeed);
  const networks = createNetworks({ ...architecture, ...layout }, initSeed);
  const variables = networkVariables(networks);
  const optimizer = tf.train.adam(settings.learningRate);
  const logLikelihood = tabularLogLikelihood(layout, settings.realSigma);
  const history: EpochInfo[] = [];
  let best: { iwae: number; values: tf.Tensor[] } | null = null;
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const start = performance.now();
      const [orderSeed, maskSeed, noiseSeed] = splitSeed(foldIn(trainSeed, epoch), 3) as [Seed, Seed, Seed];
      const order = permutation(train.length, orderSeed).map((i) => train[i] as number);
      const mask = mcarMaskHost(rows.length * layout.columns, settings.maskProbability, maskSeed);
      const batches = epochBatches(order, settings.batchSize);
      let lossSum = 0;
      batches.forEach((indices, step) => {
        const batch = encodeRows(layout, table, mask, indices);
        try {
          lossSum += trainStep(networks, variables, optimizer, batch, logLikelihood, foldIn(noiseSeed, step));
        } finally {
          disposeBatch(batch);
        }
      });
      const validate = validation.length > 0 && (epoch % settings.validateEvery === 0 || epoch === settings.epochs);
      const validationIwae = validate
        ? meanIwae(
            networks,
            layout,
            table,
            validationMask,
            validation,
            settings.validationSamples,
            validationNoiseSeed,
            logLikelihood,
          )
        : null;
      if (validationIwae !== null && (best === null || validationIwae > best.iwae)) {
        tf.dispose(best?.values ?? []);
        best = { iwae: validationIwae, values: variables.map((v) => tf.clone(v)) };
      }
      const info = {
        epoch,
        trainLoss: lossSum / batches.length,
        validationIwae,
        seconds: (performance.now() - start) / 1000,
      };
      history.push(info);
      settings.onEpoch?.(info);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (best !== null) {
      for (const [i, value] of best.values.entries()) (variables[i] as tf.Variable).assign(value);
    }
  } catch (error) {
    tf.dispose(variables);
    throw error;
  } finally {
    tf.dispose(best?.values ?? []);
    optimizer.dispose();
  }
  return { model: new Vaeac(columnTypes, architecture, stats, networks, settings.realSigma), history };
}
