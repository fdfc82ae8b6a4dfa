import { type ImageVaeac, inpaint } from '@proj/vaeac';

/** Options of {@link completeDigit}. */
export interface CompleteOptions {
  readonly digit: Float32Array;
  /** 1 = unobserved (generate), 0 = kept; same length as `digit`. */
  readonly mask: Float32Array;
  readonly numSamples: number;
  readonly seed: number;
}

/**
 * `numSamples` VAEAC completions of one digit under a mask (`inpaint` of @proj/vaeac: z from the prior network,
 * Bernoulli means in the masked pixels, the others copied). Masked pixels that come back NaN are shown as 0.
 * Memory-neutral. O(numSamples · network cost).
 */
export function completeDigit(model: ImageVaeac, options: CompleteOptions): Float32Array[] {
  const { digit, mask, numSamples, seed } = options;
  return inpaint(model, digit, mask, { numSamples, seed }).map((image) => image.map((v) => (Number.isNaN(v) ? 0 : v)));
}
