export { type FitImagesOptions, fitImages, type ImageEpochInfo } from './image/fit-images.js';
export { IMAGE_MIN_SIGMA, type ImageLikelihood, ImageVaeac } from './image/image-vaeac.js';
export { inpaint } from './image/inpaint.js';
export { type ImageVaeacArtifacts, loadImageVaeac, saveImageVaeac } from './image/serialize-image.js';
export { diagGaussianKl } from './loss/diag-gaussian-kl.js';
export { iwaeBound } from './loss/iwae-bound.js';
export { PRIOR_SIGMA_MU, PRIOR_SIGMA_SIGMA, priorRegularizer } from './loss/prior-regularizer.js';
export { halfImageMask } from './masks/half-image-mask.js';
export { imageMaskMixture, type MaskMixtureWeights } from './masks/image-mask-mixture.js';
export { mcarMask } from './masks/mcar-mask.js';
export { pixelMcarMask } from './masks/pixel-mcar-mask.js';
export { type PatternOptions, randomPatternMask } from './masks/random-pattern-mask.js';
export { type RectangleOptions, randomRectangleMask } from './masks/random-rectangle-mask.js';
export { LATENT_MIN_SIGMA } from './nn/networks.js';
export { type ColumnLayout, type ColumnType, columnLayout } from './tabular/column-types.js';
export { type EpochInfo, type FitOptions, fit } from './tabular/fit.js';
export type { GenerationMode } from './tabular/generate.js';
export { type ImputeOptions, impute, type SampleOptions, sample } from './tabular/impute.js';
export { iwaeLogLikelihood } from './tabular/iwae-log-likelihood.js';
export {
  DATA_MIN_SIGMA,
  MIN_CATEGORY_PROBABILITY,
  REAL_SIGMAS,
  type RealSigma,
} from './tabular/log-likelihood.js';
export { loadVaeac, saveVaeac, type VaeacArtifacts } from './tabular/serialize.js';
export type { Standardization } from './tabular/standardization.js';
export { PAPER_ARCHITECTURE, Vaeac, type VaeacArchitecture } from './tabular/vaeac.js';
export { type VlbTerms, vlbTerms } from './tabular/vlb-terms.js';
