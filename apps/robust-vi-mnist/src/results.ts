import type { Ratio } from './config.js';
import type { EpochRecord } from './train.js';

/** The learned weights of a robust VAE on its training objects. */
export interface WeightSummary {
  readonly clean: number;
  /** Null without noise objects (1:0). */
  readonly noise: number | null;
  /** AUC of the weight, clean (positive) vs noise; null without noise objects. */
  readonly auc: number | null;
}

/** A unit's result (JSON): one trained model at one ratio. */
export interface ModelResult {
  readonly ratio: string;
  readonly model: string;
  readonly logAlpha: number | null;
  readonly cleanObjects: number;
  readonly noiseObjects: number;
  readonly epochs: readonly EpochRecord[];
  readonly validationLogLikelihood: number;
  readonly testLogLikelihood: number;
  readonly testElbo: number;
  readonly weights: WeightSummary | null;
  /** Fraction of prior samples whose decoder mean is speckle noise (samples.ts `isNoiseLike`). */
  readonly noiseLikeSamples: number;
  /** The first `priorSamples` decoder means, bytes base64 (samples.ts `encodeImages`). */
  readonly samples: string;
  readonly msPerStep: number;
}

/** VAE and chosen robust VAE at one ratio. */
export interface RatioOutcome {
  readonly ratio: Ratio;
  readonly vae: ModelResult;
  readonly robust: ModelResult;
  /** robust − VAE clean-test log-likelihood. */
  readonly gap: number;
}

/** The VAE and the robust VAE with the best clean-validation log-likelihood at `ratio`. */
export function ratioOutcome(ratio: Ratio, results: readonly ModelResult[]): RatioOutcome {
  const models = results.filter((r) => r.ratio === ratio.label);
  const vae = models.find((r) => r.logAlpha === null)!;
  const robust = models
    .filter((r) => r.logAlpha !== null)
    .reduce((best, r) => (r.validationLogLikelihood > best.validationLogLikelihood ? r : best));
  return { ratio, vae, robust, gap: robust.testLogLikelihood - vae.testLogLikelihood };
}
