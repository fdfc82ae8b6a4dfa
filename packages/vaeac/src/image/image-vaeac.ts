import * as tf from '@tensorflow/tfjs-core';
import { shown } from '../internal/validate.js';
import { netVariables, type VaeacNets } from '../nn/vaeac-nets.js';

/** Per-pixel likelihood of an image VAEAC. */
export type ImageLikelihood = 'gaussian' | 'bernoulli';

/** Lower bound on the per-pixel Gaussian σ (authors' image code: 1e-2). */
export const IMAGE_MIN_SIGMA = 1e-2;

/**
 * A trained image VAEAC (an MLP over the H·W pixels or a small conv net, both with the prior-to-generative skip
 * connections): the networks, image size and likelihood. Made by `fitImages`; free it with {@link ImageVaeac.dispose}.
 */
export class ImageVaeac {
  /** Image height H. */
  readonly height: number;
  /** Image width W. */
  readonly width: number;
  /** 'gaussian' (learned σ ≥ 1e-2) or 'bernoulli'. */
  readonly likelihood: ImageLikelihood;
  /** The proposal, prior and generative networks (MLP over the pixels, or convolutional). */
  readonly networks: VaeacNets;

  /** Wraps trained parts; use `fitImages` rather than this constructor. */
  constructor(height: number, width: number, likelihood: ImageLikelihood, networks: VaeacNets) {
    this.height = height;
    this.width = width;
    this.likelihood = likelihood;
    this.networks = networks;
  }

  /** Whether {@link ImageVaeac.dispose} has run. */
  get isDisposed(): boolean {
    return netVariables(this.networks).some((v) => v.isDisposed);
  }

  /** Frees the model's variables. Idempotent. */
  dispose(): void {
    tf.dispose(netVariables(this.networks).filter((v) => !v.isDisposed));
  }
}

/**
 * Checks a live {@link ImageVaeac}.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertImageVaeac(value: unknown, fn: string, arg = 'model'): ImageVaeac {
  if (!(value instanceof ImageVaeac))
    throw new Error(`${fn}: argument '${arg}' must be an ImageVaeac, got ${shown(value)}`);
  if (value.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed ImageVaeac`);
  return value;
}
