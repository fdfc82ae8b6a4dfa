/**
 * The bad-input suite of @proj/tt (tools/bad-input): every exported function and class is called with each of
 * its arguments replaced by wrong types, non-finite numbers, negative, huge and empty sizes, disposed and
 * wrongly typed tensors, and unknown or bad option values. Each call must throw an Error naming the function,
 * or return what the entry documents; never crash the process (wasm aborts on huge allocations, hence the
 * backend), hang, or leak a tensor. Valid arguments are tiny (order 2-3, ranks ≤ 2).
 */
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from '@proj/bad-input';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import * as tt from '../src/index.js';
import { TensorTrain, TensorTrainBase, TensorTrainBatch, type TensorTrainOptions } from '../src/index.js';
import * as ttLayers from '../src/layers/index.js';

/** A TT-tensor of shape [2, 3, 2], ranks [1, 2, 2, 1]. */
const tensorCores = () => [
  tf.tensor3d([1, 0.5, -1, 2], [1, 2, 2]),
  tf.tensor3d([0.5, 1, -0.5, 2, 1, 0, 0.25, -1, 1.5, 0.5, 1, -2], [2, 3, 2]),
  tf.tensor3d([1, -1, 0.5, 2], [2, 2, 1]),
];
const ttTensor = () => new TensorTrain(tensorCores());
/** A batch of 2 TT-tensors of shape [2, 3, 2], ranks [1, 2, 2, 1]. */
const batchCores = () => tensorCores().map((core) => tf.stack([core, tf.mul(core, -0.5)]));
const ttBatch = () => new TensorTrainBatch(batchCores());
/** A TT-matrix of raw shape [2,2]x[2,2], ranks [1, 2, 1]. */
const ttMatrix = () =>
  new TensorTrain([
    tf.tensor4d([1, 0.5, -1, 2, 0.5, 1, 2, -1], [1, 2, 2, 2]),
    tf.tensor4d([1, -1, 0.5, 2, 1, 0.5, -0.5, 1], [2, 2, 2, 1]),
  ]);
/** A TT column vector of raw shape [2,2]x[1,1], ranks [1, 2, 1]. */
const ttVector = () =>
  new TensorTrain([tf.tensor4d([1, 0.5, -1, 2], [1, 2, 1, 2]), tf.tensor4d([1, -1, 0.5, 2], [2, 2, 1, 1])]);
/** A batch of 2 TT column vectors of raw shape [2,2]x[1,1]. */
const ttVectorBatch = () =>
  new TensorTrainBatch([
    tf.tensor5d([1, 0.5, -1, 2, 2, 1, 0, 1], [2, 1, 2, 1, 2]),
    tf.tensor5d([1, -1, 0.5, 2, 0, 1, 1, 1], [2, 2, 2, 1, 1]),
  ]);
/** The Kronecker product [[2, 1], [1, 2]] ⊗ [[3, 1], [1, 2]] (symmetric positive definite) as a TT-matrix. */
const kron = () => new TensorTrain([tf.tensor4d([2, 1, 1, 2], [1, 2, 2, 1]), tf.tensor4d([3, 1, 1, 2], [1, 2, 2, 1])]);

/** A subclass of the abstract base, as a user would write one. */
class CustomTT extends TensorTrainBase {
  constructor(cores: readonly tf.Tensor[], options?: TensorTrainOptions) {
    super(cores, false, options ?? {}, 'CustomTT');
  }
}

const isFunction = (result: unknown) => typeof result === 'function';

const shapeTensor = [2, 3, 2];
const shapeMatrix = [
  [2, 2],
  [2, 3],
];
const randomOptions = () => ({ seed: 1, ttRank: 2, mean: 0, stddev: 1 });
const batchOptions = () => ({ ...randomOptions(), batchSize: 2 });

/** Valid TTDense arguments: 6 → 6 in modes [2, 3] → [3, 2], every TT option given. */
const ttDenseArgs = () => ({
  inputModes: [2, 3],
  outputModes: [3, 2],
  ttRank: 2,
  activation: 'relu',
  useBias: true,
  kernelInitializer: 'glorot',
  seed: 1,
});
const layerModes = { inputModes: [2, 3], outputModes: [3, 2] };
/** A Sequential model 6 → 6 ('hidden', Dense) → 2. */
const denseModel = () =>
  tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [6], units: 6, name: 'hidden' }),
      tfl.layers.dense({ units: 2, name: 'out' }),
    ],
  });

/** Shorthand for an entry whose export and name agree. */
function entry(
  name: string,
  call: (args: unknown[]) => unknown,
  valid: () => unknown[],
  more: Partial<BadInputEntry> = {},
): BadInputEntry {
  return { export: name, name, call, valid, ...more };
}

const fns = tt as unknown as Record<string, (...args: unknown[]) => unknown>;
/** An entry that calls the export `name` with the arguments as given. */
const plain = (name: string, valid: () => unknown[], more: Partial<BadInputEntry> = {}) =>
  entry(name, (args) => fns[name]!(...args), valid, more);

const ENTRIES: BadInputEntry[] = [
  // Classes.
  entry(
    'TensorTrain',
    (args) => new TensorTrain(...(args as [tf.Tensor[], TensorTrainOptions])),
    () => [tensorCores(), { shape: shapeTensor, ranks: [1, 2, 2, 1] }],
    { options: 1 },
  ),
  entry(
    'TensorTrainBatch',
    (args) => new TensorTrainBatch(...(args as [tf.Tensor[], TensorTrainOptions])),
    () => [batchCores(), { shape: shapeTensor, ranks: [1, 2, 2, 1], batchSize: 2 }],
    { options: 1 },
  ),
  {
    export: 'TensorTrainBase',
    name: 'CustomTT',
    call: (args) => new CustomTT(...(args as [tf.Tensor[], TensorTrainOptions])),
    valid: () => [tensorCores(), { shape: shapeTensor, ranks: [1, 2, 2, 1] }],
    options: 1,
    returns: (r) => r instanceof CustomTT,
  },

  // Shapes and ranks.
  plain('denseShape', () => [[[2, 3]]]),
  plain('naturalRanks', () => [[[2, 3, 2]]]),
  plain('expandRanks', () => [2, 3, 'expandRanks', 'ttRank'], {
    keep: { 2: "the caller's name, which errors carry instead of 'expandRanks'" },
  }),
  plain('toRawShape', () => [shapeMatrix, 'toRawShape', 'shape'], {
    keep: { 1: "the caller's name, which errors carry instead of 'toRawShape'" },
  }),
  plain('unravelIndex', () => [
    [22, 41, 37],
    [7, 6],
  ]),

  // Initializers.
  plain('eye', () => [[2, 3]]),
  plain('tensorOnes', () => [shapeTensor]),
  plain('tensorZeros', () => [shapeTensor]),
  plain('matrixOnes', () => [shapeMatrix]),
  plain('matrixZeros', () => [shapeMatrix]),
  plain('onesLike', () => [ttTensor()]),
  plain('zerosLike', () => [ttBatch()]),
  plain('randomTensor', () => [shapeTensor, randomOptions()], { options: 1 }),
  plain('randomTensorBatch', () => [shapeTensor, batchOptions()], { options: 1 }),
  plain('randomMatrix', () => [shapeMatrix, randomOptions()], { options: 1 }),
  plain('randomMatrixBatch', () => [shapeMatrix, batchOptions()], { options: 1 }),
  plain('tensorWithRandomCores', () => [shapeTensor, randomOptions()], { options: 1 }),
  plain('tensorBatchWithRandomCores', () => [shapeTensor, batchOptions()], { options: 1 }),
  plain('matrixWithRandomCores', () => [shapeMatrix, randomOptions()], { options: 1 }),
  plain('matrixBatchWithRandomCores', () => [shapeMatrix, batchOptions()], { options: 1 }),
  plain('glorotInitializer', () => [shapeMatrix, { seed: 1, ttRank: 2 }], { options: 1 }),
  plain('heInitializer', () => [shapeMatrix, { seed: 1, ttRank: 2 }], { options: 1 }),
  plain('lecunInitializer', () => [shapeMatrix, { seed: 1, ttRank: 2 }], { options: 1 }),

  // Decompositions.
  plain('toTTTensor', () => [tf.randomNormal([2, 3, 2], 0, 1, 'float32', 1), { maxTTRank: 2, epsilon: 0.1 }], {
    options: 1,
  }),
  plain(
    'toTTMatrix',
    () => [tf.randomNormal([4, 6], 0, 1, 'float32', 1), shapeMatrix, { maxTTRank: 2, epsilon: 0.1 }],
    { options: 2 },
  ),
  plain('round', () => [ttTensor(), { maxTTRank: 1, epsilon: 0.1 }], { options: 1 }),
  plain('orthogonalize', () => [ttBatch(), { leftToRight: false }], { options: 1 }),

  // Algebra.
  plain('add', () => [ttTensor(), ttBatch()]),
  plain('subtract', () => [ttBatch(), ttTensor()]),
  plain('multiply', () => [ttTensor(), ttBatch()]),
  plain('multiply', () => [ttBatch(), tf.scalar(-2)]),
  plain('full', () => [ttMatrix()]),
  plain('matmul', () => [ttMatrix(), ttMatrix()]),
  plain('matmul', () => [ttMatrix(), tf.ones([4, 3])]),
  plain('matmul', () => [[[1, 2, 3, 4]], ttMatrix()]),
  plain('transpose', () => [ttMatrix()]),

  // Products, norms and forms.
  plain('flatInner', () => [ttTensor(), ttBatch()]),
  plain('pairwiseFlatInner', () => [ttBatch(), ttTensor()]),
  plain('pairwiseFlatInner', () => [ttVectorBatch(), ttVector(), ttMatrix()]),
  plain('gramMatrix', () => [ttVectorBatch(), ttMatrix()]),
  plain('bilinearForm', () => [ttMatrix(), ttVectorBatch(), ttVector()]),
  plain('bilinearFormTwoMat', () => [ttVector(), ttMatrix(), ttMatrix(), ttVectorBatch()]),
  plain('frobeniusNorm', () => [ttTensor(), { differentiable: true, epsilon: 1e-5 }], { options: 1 }),
  plain('frobeniusNormSquared', () => [ttBatch(), { differentiable: false }], { options: 1 }),
  plain('renormalizeCores', () => [ttBatch(), { epsilon: 1e-8 }], { options: 1 }),

  // Indexing and batches.
  plain('batchElement', () => [ttBatch(), -1]),
  plain('batchSlice', () => [ttBatch(), 0, 1]),
  plain('concatAlongBatchDim', () => [[ttBatch(), ttTensor()]]),
  plain('multiplyAlongBatchDim', () => [ttBatch(), [1, -2]]),
  plain('gatherND', () => [
    ttTensor(),
    [
      [0, 1, 1],
      [1, 2, 0],
    ],
  ]),
  plain('gatherND', () => [ttBatch(), tf.tensor2d([[1, 0, 2, 1]], [1, 4], 'int32')]),
  plain('indexTT', () => [ttTensor(), [0, 'all', { start: 0, stop: 1 }]]),
  plain('indexTT', () => [ttMatrix(), { rows: [1, 'all'], columns: [0, { start: 1 }] }]),

  // Approximate algebra.
  plain('addN', () => [[ttTensor(), ttTensor(), ttTensor()], { maxTTRank: 2, epsilon: 0.1 }], { options: 1 }),
  plain('reduceSumBatch', () => [ttBatch(), { maxTTRank: 2, epsilon: 0.1, coef: [1, 2] }], { options: 1 }),

  // TT-cross: f (1 + Σ i_k as a tensor) is corrupted too, so bad functions and bad results are covered.
  plain(
    'ttCross',
    () => [
      (indices: tf.Tensor2D) => tf.add(tf.cast(tf.sum(indices, 1), 'float32'), 1),
      shapeTensor,
      { seed: 1, maxTTRank: 2, epsilon: 1e-3, maxSweeps: 2, kickRank: 1 },
    ],
    { options: 2, returns: (r) => (r as { tt?: unknown } | null)?.tt instanceof TensorTrain },
  ),

  // Kronecker products.
  plain('kroneckerCholesky', () => [kron()]),
  plain('kroneckerDeterminant', () => [kron()]),
  plain('kroneckerInv', () => [kron()]),
  plain('kroneckerSlogDeterminant', () => [kron()]),

  // Regularizers: the factories, then the regularizers they return.
  plain('l2Regularizer', () => [0.5], { returns: isFunction }),
  plain('coresRegularizer', () => [(core: tf.Tensor) => tf.sum(tf.square(core)), 0.5], { returns: isFunction }),
  {
    export: 'l2Regularizer',
    name: 'l2Regularizer',
    call: (args) => tt.l2Regularizer(0.5)(args[0] as TensorTrain),
    valid: () => [ttBatch()],
    returns: (r) => r instanceof tf.Tensor,
  },
  {
    export: 'coresRegularizer',
    name: 'coresRegularizer',
    call: (args) => tt.coresRegularizer((core) => tf.sum(tf.abs(core)), 2)(args[0] as TensorTrain),
    valid: () => [ttTensor()],
    returns: (r) => r instanceof tf.Tensor,
  },

  // TT layers (@proj/tt/layers). Only the TT options are corrupted: tfjs-layers checks its own LayerArgs.
  entry(
    'TTDense',
    (args) => new ttLayers.TTDense(args[0] as ttLayers.TTDenseArgs),
    () => [ttDenseArgs()],
    {
      options: 0,
      returns: (r) => r instanceof ttLayers.TTDense,
    },
  ),
  entry(
    'ttDense',
    (args) => ttLayers.ttDense(args[0] as ttLayers.TTDenseArgs),
    () => [ttDenseArgs()],
    {
      name: 'TTDense',
      options: 0,
      returns: (r) => r instanceof ttLayers.TTDense,
    },
  ),
  entry(
    'registerTTLayers',
    () => ttLayers.registerTTLayers(),
    () => [],
    { returns: (r) => r === undefined },
  ),
  entry(
    'compressDense',
    (args) => ttLayers.compressDense(...(args as Parameters<typeof ttLayers.compressDense>)),
    () => [tf.randomNormal([6, 6], 0, 1, 'float32', 1), { ...layerModes, maxTTRank: 2, epsilon: 0.1 }],
    { options: 1, returns: (r) => r !== null && typeof r === 'object' && isTT((r as { ttMatrix: unknown }).ttMatrix) },
  ),
  entry(
    'replaceDenseWithTT',
    (args) => ttLayers.replaceDenseWithTT(...(args as Parameters<typeof ttLayers.replaceDenseWithTT>)),
    () => [denseModel(), 'hidden', { ...layerModes, maxTTRank: 2, epsilon: 0.1, activation: 'relu' }],
    { options: 2, returns: (r) => r instanceof tfl.LayersModel },
  ),
];

/**
 * What a call that does not throw may return, by export: the documented kind of result (a bad value that is
 * accepted, such as `NaN` as a scalar factor, a `null` stop of `batchSlice` or an empty index list of
 * `gatherND`, must still give that kind; NaN entries propagate as in tfjs ops).
 */
const isTT = (result: unknown) => result instanceof TensorTrain || result instanceof TensorTrainBatch;
const isTensor = (result: unknown) => result instanceof tf.Tensor;
const RETURNS: Readonly<Record<string, (result: unknown) => boolean>> = {
  denseShape: (r) => Array.isArray(r) && r.every((x) => typeof x === 'bigint'),
  naturalRanks: (r) => Array.isArray(r) && r.every(Number.isInteger),
  expandRanks: (r) => Array.isArray(r) && r.every(Number.isInteger),
  toRawShape: Array.isArray,
  unravelIndex: (r) => r instanceof tf.Tensor && r.dtype === 'int32' && r.rank === 2,
  full: isTensor,
  flatInner: isTensor,
  pairwiseFlatInner: isTensor,
  gramMatrix: isTensor,
  bilinearForm: isTensor,
  bilinearFormTwoMat: isTensor,
  frobeniusNorm: isTensor,
  frobeniusNormSquared: isTensor,
  gatherND: isTensor,
  kroneckerDeterminant: isTensor,
  kroneckerSlogDeterminant: (r) => r !== null && typeof r === 'object' && isTensor((r as { sign: unknown }).sign),
  indexTT: (r) => isTT(r) || isTensor(r),
  matmul: (r) => isTT(r) || isTensor(r),
};
const ALL = ENTRIES.map(
  (e): BadInputEntry => ({ ...e, returns: e.returns ?? RETURNS[e.export] ?? ((r: unknown) => isTT(r)) }),
);

describeBackends(
  '@proj/tt bad input',
  () => {
    it('has an entry for every exported function and class', () => {
      expect(uncoveredExports(tt as unknown as Record<string, unknown>, ALL)).toEqual([]);
      expect(uncoveredExports(ttLayers as unknown as Record<string, unknown>, ALL)).toEqual([]);
    });

    it.each(ALL.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 200 }))).toBe('');
    });
  },
  { backends: ['wasm'] },
);
