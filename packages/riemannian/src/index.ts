// Tangent spaces and tangent vectors: the point with its orthogonalizations, and vectors that remember it.

export { tangentSpace } from './tangent/tangent-space.js';
export { TangentSpace } from './tangent-space.js';
export { TangentVector } from './tangent-vector.js';

// Projections onto a tangent space (T3F's riemannian module).

export { project } from './project/project.js';
export { projectMatmul } from './project/project-matmul.js';
export { projectSum } from './project/project-sum.js';

// Working in a tangent space: coordinates (deltas), sums and inner products without rank growth, retraction.

export { addNProjected } from './tangent/add-n-projected.js';
export { deltasToTangentSpace } from './tangent/deltas-to-tangent-space.js';
export { pairwiseFlatInnerProjected } from './tangent/pairwise-flat-inner-projected.js';
export { type RetractOptions, retract } from './tangent/retract.js';
export { tangentSpaceToDeltas } from './tangent/tangent-space-to-deltas.js';

// Riemannian autodiff (T3F's autodiff module): gradients and Hessian-vector products by reverse passes.

export { gradients } from './autodiff/gradients.js';
export { hessianVectorProduct } from './autodiff/hessian-vector-product.js';
export type { AutodiffOptions, RuntimeCheckTolerance, TTFunction } from './autodiff/options.js';

// Optimizers (beyond T3F): Riemannian gradient descent and conjugate gradients with retraction by rounding.

export type {
  IterationRecord,
  LineSearchOptions,
  OptimizationResult,
  RiemannianOptimizerOptions,
  StepContext,
  StopReason,
} from './optimize/options.js';
export {
  type ConjugateGradientOptions,
  riemannianConjugateGradient,
} from './optimize/riemannian-conjugate-gradient.js';
export { riemannianGradientDescent } from './optimize/riemannian-gradient-descent.js';
