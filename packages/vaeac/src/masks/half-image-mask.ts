import type { Seed } from '@proj/core';
import { hostUniform } from '../internal/host-random.js';
import { assertImageMaskArgs } from './image-mask-args.js';

/**
 * Image masks [n, H, W] (1 = unobserved) hiding one of the four halves (top, bottom, left, right) of each image,
 * chosen uniformly (the SIIDGM half-image masks); an odd side's middle line stays observed. Seeded. O(n·H·W).
 *
 * @throws Error naming `halfImageMask` and the argument for bad sizes or seed.
 */
export function halfImageMask(n: number, height: number, width: number, seed: Seed): Float32Array {
  assertImageMaskArgs('halfImageMask', n, height, width, seed);
  const u = hostUniform(n, seed);
  const masks = new Float32Array(n * height * width);
  const halfH = Math.floor(height / 2);
  const halfW = Math.floor(width / 2);
  for (let i = 0; i < n; i++) {
    const side = Math.min(3, Math.floor((u[i] as number) * 4));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const hidden =
          side === 0 ? y < halfH : side === 1 ? y >= height - halfH : side === 2 ? x < halfW : x >= width - halfW;
        if (hidden) masks[i * height * width + y * width + x] = 1;
      }
    }
  }
  return masks;
}
