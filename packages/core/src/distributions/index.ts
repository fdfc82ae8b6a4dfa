export { Bernoulli, type BernoulliParams, bernoulli } from './bernoulli.js';
export { Categorical, type CategoricalParams, categorical } from './categorical.js';
export { Distribution, type DistributionOptions, type Reparameterization } from './distribution.js';
export { Exponential, type ExponentialParams, exponential } from './exponential.js';
export { Gamma, type GammaParams, gamma } from './gamma.js';
export { type DistributionClass, familyChain, kl, registerKl } from './kl.js';
export { Laplace, type LaplaceParams, laplace } from './laplace.js';
export { LogNormal, type LogNormalParams, logNormal } from './log-normal.js';
export {
  MultivariateNormalDiag,
  type MultivariateNormalDiagParams,
  multivariateNormalDiag,
} from './multivariate-normal-diag.js';
export { Normal, type NormalParams, normal } from './normal.js';
export {
  broadcastShapes,
  type ConvertedParams,
  checkParam,
  checkPositiveFinite,
  prepareParams,
  readDistributionOptions,
} from './params.js';
export { Poisson, type PoissonParams, poisson } from './poisson.js';
export { Uniform, type UniformParams, uniform } from './uniform.js';
export { Weibull, type WeibullParams, weibull } from './weibull.js';
