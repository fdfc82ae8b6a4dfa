import type { Seed } from '@proj/core';
import { hostUniform } from '../internal/host-random.js';
import { assertProbability } from '../internal/validate.js';
import { assertImageMaskArgs } from './image-mask-args.js';

/**
 * Per-pixel MCAR image masks [n, H, W] (1 = unobserved): each pixel independently unobserved with probability
 * p (the authors' ImageMCARGenerator). Seeded. O(n·H·W).
 *
 * @throws Error naming `pixelMcarMask` and the argument for bad sizes, p outside [0, 1] or a bad seed.
 */
export function pixelMcarMask(n: number, height: number, width: number, p: number, seed: Seed): Float32Array {
  assertImageMaskArgs('pixelMcarMask', n, height, width, seed);
  assertProbability(p, 'pixelMcarMask', 'p');
  return hostUniform(n * height * width, seed).map((u) => (u < p ? 1 : 0));
}
