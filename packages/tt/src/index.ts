export { full } from './ops/full.js';
export {
  denseShape,
  expandRanks,
  naturalRanks,
  type RankSpec,
  type RawShape,
  type ShapeSpec,
  toRawShape,
} from './shapes.js';
export { TensorTrain } from './tensor-train.js';
export { TensorTrainBase, type TensorTrainOptions } from './tensor-train-base.js';
export { TensorTrainBatch, type TensorTrainBatchOptions } from './tensor-train-batch.js';
