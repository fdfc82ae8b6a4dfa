export { alias } from './alias.js';
export { type BackendProfile, backendProfile } from './backend-profile.js';
export { batchMatMul, matMulShared, sharedMatMul } from './batch-mat-mul.js';
export { cleanTapeOnError } from './clean-tape-on-error.js';
export { type ContractOptions, contract } from './contract.js';
export {
  type Conv2dAtPositionsOptions,
  type ConvGeometry,
  conv2dAtPositions,
  convGeometry,
} from './conv2d-at-positions.js';
export { gatherMatMul } from './gather-mat-mul.js';
export { arrange, axisSize, type Labeled, label, relabel, squeezeAxes } from './labeled.js';
export { matMul2d } from './mat-mul-2d.js';
export { permute, permuteCost, reshapeTo } from './permute.js';
export { gatherPositions, type Positions, scatterPositions } from './positions.js';
export { stopGradient } from './stop-gradient.js';
export { tidyObject } from './tidy-object.js';
