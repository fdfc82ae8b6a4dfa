// TT objects: the data types (cores, raw shape, ranks); every algorithm is a free function below.

export { TensorTrain } from './tensor-train.js';
export { TensorTrainBase, type TensorTrainOptions } from './tensor-train-base.js';
export { TensorTrainBatch, type TensorTrainBatchOptions } from './tensor-train-batch.js';

// Shapes and ranks: shape specs, dense shapes (exact bigints), T3F's rank expansion and natural bounds.

export {
  denseShape,
  expandRanks,
  naturalRanks,
  type RankSpec,
  type RawShape,
  type ShapeSpec,
  toRawShape,
} from './shapes.js';

// Initializers: constant and random TT objects; every random one takes a required seed.

export { eye } from './initializers/eye.js';
export { glorotInitializer, type InitializerOptions } from './initializers/glorot-initializer.js';
export { heInitializer } from './initializers/he-initializer.js';
export { lecunInitializer } from './initializers/lecun-initializer.js';
export { matrixBatchWithRandomCores } from './initializers/matrix-batch-with-random-cores.js';
export { matrixOnes } from './initializers/matrix-ones.js';
export { matrixWithRandomCores } from './initializers/matrix-with-random-cores.js';
export { matrixZeros } from './initializers/matrix-zeros.js';
export { onesLike } from './initializers/ones-like.js';
export { randomMatrix } from './initializers/random-matrix.js';
export { randomMatrixBatch } from './initializers/random-matrix-batch.js';
export { type RandomTensorOptions, randomTensor } from './initializers/random-tensor.js';
export { type RandomTensorBatchOptions, randomTensorBatch } from './initializers/random-tensor-batch.js';
export {
  type RandomCoresBatchOptions,
  tensorBatchWithRandomCores,
} from './initializers/tensor-batch-with-random-cores.js';
export { tensorOnes } from './initializers/tensor-ones.js';
export { type RandomCoresOptions, tensorWithRandomCores } from './initializers/tensor-with-random-cores.js';
export { tensorZeros } from './initializers/tensor-zeros.js';
export { zerosLike } from './initializers/zeros-like.js';

// Decompositions: dense → TT (TT-SVD), orthogonalization and rounding.

export { type OrthogonalizeOptions, orthogonalize } from './decompositions/orthogonalize.js';
export { type RoundOptions, round } from './decompositions/round.js';
export { toTTMatrix } from './decompositions/to-tt-matrix.js';
export { type ToTTOptions, toTTTensor } from './decompositions/to-tt-tensor.js';

// Algebra: exact operations on TT objects (ranks grow by T3F's rules) and the dense reconstruction.

export { add } from './ops/add.js';
export { full } from './ops/full.js';
export { matmul } from './ops/matmul.js';
export { multiply } from './ops/multiply.js';
export { subtract } from './ops/subtract.js';
export { transpose } from './ops/transpose.js';

// Products, norms and forms: scalar results without forming the dense objects.

export { gramMatrix } from './batch/gram-matrix.js';
export { pairwiseFlatInner } from './batch/pairwise-flat-inner.js';
export { bilinearForm } from './ops/bilinear-form.js';
export { bilinearFormTwoMat } from './ops/bilinear-form-two-mat.js';
export { flatInner } from './ops/flat-inner.js';
export { type FrobeniusNormOptions, frobeniusNorm } from './ops/frobenius-norm.js';
export { type FrobeniusNormSquaredOptions, frobeniusNormSquared } from './ops/frobenius-norm-squared.js';
export { type RenormalizeCoresOptions, renormalizeCores } from './ops/renormalize-cores.js';

// Indexing and batches: slices and entries of TT objects without forming them; building and scaling batches.

export { batchElement } from './batch/batch-element.js';
export { batchSlice } from './batch/batch-slice.js';
export { concatAlongBatchDim } from './batch/concat-along-batch-dim.js';
export { multiplyAlongBatchDim } from './batch/multiply-along-batch-dim.js';
export { gatherND } from './ops/gather-nd.js';
export { type IndexRange, type IndexSpec, indexTT, type MatrixIndex } from './ops/index-tt.js';
export { unravelIndex } from './utils/unravel-index.js';

// Approximate algebra: sums with rounding along the way.

export { type AddNOptions, addN } from './approximate/add-n.js';
export { type ReduceSumBatchOptions, reduceSumBatch } from './approximate/reduce-sum-batch.js';

// TT-cross: a TT from a black-box function of the multi-indices, evaluated on a few fibers (beyond T3F).

export type { CrossFunction } from './cross/cached-function.js';
export { type TTCrossOptions, type TTCrossResult, ttCross } from './cross/tt-cross.js';

// Kronecker products (TT-matrices of TT-rank 1): T3F's `t3f.kronecker` module, with a `kronecker` prefix.

export { cholesky as kroneckerCholesky } from './kronecker/cholesky.js';
export { determinant as kroneckerDeterminant } from './kronecker/determinant.js';
export { inv as kroneckerInv } from './kronecker/inv.js';
export { slogDeterminant as kroneckerSlogDeterminant } from './kronecker/slog-determinant.js';

// Regularizers: penalties on TT objects for training.

export { coresRegularizer } from './regularizers/cores-regularizer.js';
export { l2Regularizer, type TTRegularizer } from './regularizers/l2-regularizer.js';
