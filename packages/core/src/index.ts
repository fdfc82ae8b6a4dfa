export {
  BACKEND_ENV_VAR,
  BACKEND_REQUESTS,
  type BackendName,
  type BackendRequest,
  type ResolveBackendOptions,
  resolveBackendRequest,
} from './backend/backend-name.js';
export { type BackendInfo, describeBackend, initBackend } from './backend/init-backend.js';
export { registerAllGradients } from './backend/register-gradients.js';
export {
  registerWasmKernels,
  WASM_KERNEL_COMPLETIONS,
  WASM_KERNEL_GUARDS,
} from './backend/wasm-kernels/register-wasm-kernels.js';
export { stopGradient } from './ops/stop-gradient.js';
export type { Metrics, ProgressReporter } from './progress.js';
export {
  type RandomNormalOptions,
  type RandomUniformOptions,
  randomExponential,
  randomNormal,
  randomUniform,
  toTfjsSeed,
} from './random/random-ops.js';
export { assertSeed, foldIn, MAX_SEED, MAX_SPLIT, type Seed, splitSeed } from './random/seed.js';
export { threefry2x32 } from './random/threefry.js';
export { assertOptions } from './validation/assert-options.js';
