export { convFlops } from './flops/conv-flops.js';
export { dilateMask } from './flops/dilate-mask.js';
export { residualUnitFlops } from './flops/residual-unit-flops.js';
export { ActHalting, type ActHaltingOptions, actHalting } from './halting/act-halting.js';
export { haltingOutput } from './halting/halting-output.js';
export { HaltingState } from './halting/halting-state.js';
export { type HaltingStepOptions, type HaltingStepResult, haltingStep } from './halting/halting-step.js';
export { ponderLoss } from './halting/ponder-loss.js';
export { geometricLogPrior } from './pact/geometric-log-prior.js';
export { type RelaxedHaltingOptions, relaxedHalting } from './pact/relaxed-halting.js';
export { stickBreaking } from './pact/stick-breaking.js';
export { ponderCostMap } from './ponder-cost-map.js';
export {
  type AdaptiveResNetConfig,
  AdaptiveResNetParams,
  adaptiveResNet,
  adaptiveResNetVariables,
  createAdaptiveResNet,
  ResNetOutput,
  type StageConfig,
} from './resnet/adaptive-resnet.js';
export {
  type AdaptiveMethod,
  type AdaptiveStageConfig,
  type AdaptiveStageOptions,
  AdaptiveStageParams,
  adaptiveStage,
  adaptiveStageVariables,
  createAdaptiveStage,
  StageOutput,
} from './resnet/adaptive-stage.js';
export { type BatchNormOptions, BatchNormParams, batchNorm, createBatchNorm } from './resnet/batch-norm.js';
export {
  createHaltingBranch,
  HALTING_BIAS_INIT,
  HaltingBranchParams,
  type HaltingLogitsOptions,
  haltingBranchVariables,
  haltingLogits,
} from './resnet/halting-branch.js';
export { maskedResidualUnit } from './resnet/masked-residual-unit.js';
export {
  createResidualUnit,
  type ResidualUnitOptions,
  ResidualUnitParams,
  residualUnit,
  residualUnitVariables,
} from './resnet/residual-unit.js';
