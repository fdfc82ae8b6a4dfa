export { type CheckGradientsOptions, checkGradients, type GradientCheckReport } from './check-gradients.js';
export { type DescribeBackendsOptions, describeBackends, TEST_BACKENDS_ENV_VAR } from './describe-backends.js';
export { type CloseOptions, expectClose } from './expect-close.js';
export { expectMeanWithin } from './expect-mean-within.js';
export { expectNoLeaks } from './expect-no-leaks.js';
export type { NestedNumbers, NumericLike } from './numeric-values.js';
