// TT layers for tfjs-layers (an optional peer): a dense layer with a TT-matrix kernel, its registration for
// model serialization, and the compression of trained dense layers into TT layers.

export { type CompressDenseOptions, type CompressedDense, compressDense } from './compress-dense.js';
export { registerTTLayers } from './register-tt-layers.js';
export { type ReplaceDenseOptions, replaceDenseWithTT } from './replace-dense-with-tt.js';
export { TTDense, ttDense } from './tt-dense.js';
export type { TTDenseArgs, TTInitializerName } from './tt-dense-args.js';
