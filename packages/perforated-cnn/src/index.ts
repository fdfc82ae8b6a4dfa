// PerforatedCNNs (Figurnov, Ibraimova, Vetrov, Kohli, NIPS 2016) for TensorFlow.js: perforation masks, the
// perforated convolution, impacts, FLOP counting and greedy whole-network rate selection. The tfjs-layers layer
// lives in the `@proj/perforated-cnn/layers` subpath.

export { nearestFill } from './conv/nearest-fill.js';
export {
  type PerforatedConv2dOptions,
  perforatedConv2d,
  perforatedConv2dCompact,
} from './conv/perforated-conv2d.js';
export { type ConvGeometry, convFlops } from './flops/conv-flops.js';
export {
  DEFAULT_KEEP_FRACTIONS,
  type GreedyOptions,
  type GreedyStep,
  greedyPerforation,
} from './greedy/greedy-perforation.js';
export { convImpact } from './impact/conv-impact.js';
export { gridMask } from './mask/grid-mask.js';
export { impactMask } from './mask/impact-mask.js';
export { createMask, fullMask, type MaskStrategy, type PerforationMask } from './mask/perforation-mask.js';
export { type PoolingWindows, poolingStructureMask } from './mask/pooling-structure-mask.js';
export { uniformMask } from './mask/uniform-mask.js';
