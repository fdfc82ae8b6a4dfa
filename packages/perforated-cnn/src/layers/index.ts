// The perforated conv layer for tfjs-layers (an optional peer): the layer, its registration for model
// serialization, and the perforation of trained Conv2D layers of a model.

export { perforateModel } from './perforate-model.js';
export type { PerforatedConv2DArgs, PerforationMaskConfig } from './perforated-conv2d-args.js';
export { PerforatedConv2D } from './perforated-conv2d-layer.js';
export { registerPerforatedLayers } from './register-perforated-layers.js';
