export { BACKEND_TOLERANCE_FACTOR } from '../backend/precision.js';
export { type CheckGradientsOptions, checkGradients, type GradientCheckReport } from './check-gradients.js';
export { type CloseOptions, expectClose } from './expect-close.js';
export { expectMeanWithin } from './expect-mean-within.js';
export { expectNoLeaks } from './expect-no-leaks.js';
export type { NestedNumbers, NumericLike } from './numeric-values.js';
export { testBackends } from './test-backends.js';
