export { Gamma, type GammaParams, gamma } from '@proj/core/distributions';
export { Beta, type BetaOptions, type BetaParams, beta } from './distributions/beta.js';
export { Chi2, type Chi2Params, chi2 } from './distributions/chi2.js';
export { Dirichlet, type DirichletParams, dirichlet } from './distributions/dirichlet.js';
export { StudentT, type StudentTParams, studentT } from './distributions/student-t.js';
export { TruncatedNormal, type TruncatedNormalParams, truncatedNormal } from './distributions/truncated-normal.js';
export { VonMises, type VonMisesParams, vonMises } from './distributions/von-mises.js';
export { type ImplicitSampler, implicitGradient, type UnivariateFunction } from './implicit-gradient.js';
