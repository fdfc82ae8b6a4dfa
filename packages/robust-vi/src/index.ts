export { BernoulliVae, type BernoulliVaeOptions, vaeVariables } from './bernoulli-vae.js';
export { createBernoulliVae } from './create-bernoulli-vae.js';
export { type ImportanceLogLikelihoodOptions, importanceLogLikelihood } from './importance-log-likelihood.js';
export type { BoundForm } from './internal/bound-arguments.js';
export { type RobustBoundOptions, robustBound } from './robust-bound.js';
export { robustWeights } from './robust-weights.js';
export { samplePrior } from './sample-prior.js';
export { type VaeLogWeightsOptions, vaeLogWeights } from './vae-log-weights.js';
export { type VaeLossOptions, type VaeObjective, vaeLoss } from './vae-loss.js';
